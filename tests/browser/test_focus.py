"""The keyboard focus is visible: its ring contrasts 3:1 with what surrounds it
(WCAG 1.4.11), on the white page and on the blue header."""

import re

from playwright.sync_api import Page


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _rgb(css: str) -> tuple[int, int, int]:
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


def _ring_and_background(page: Page, selector: str):
    """Tab to the element; its outline colour and the background around it."""
    element = page.locator(selector).first
    element.focus()
    return page.evaluate(
        """el => {
            const style = getComputedStyle(el);
            const clear = 'rgba(0, 0, 0, 0)';
            let around = el.parentElement, bg = clear;
            while (around && bg === clear) {
                bg = getComputedStyle(around).backgroundColor;
                around = around.parentElement;
            }
            return [style.outlineStyle, parseFloat(style.outlineWidth),
                    style.outlineColor, bg === clear ? 'rgb(255, 255, 255)' : bg];
        }""",
        element.element_handle(),
    )


def test_the_focus_ring_stands_out_on_the_page_and_in_the_header(page: Page, site):
    page.goto("/")
    page.keyboard.press("Tab")  # the keyboard is in use: :focus-visible applies

    for selector in ("main a", ".site-header a.brand", ".language-switch button"):
        style, width, ring, background = _ring_and_background(page, selector)
        assert style != "none", selector
        assert width >= 2, selector
        assert contrast(_rgb(ring), _rgb(background)) >= 3, (selector, ring, background)
