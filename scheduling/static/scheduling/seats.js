// Live seat count on a session page: the page works without it. The words come
// from the page, translated by the server ("1 seat left", "2 seats left", full).
(function () {
  const article = document.querySelector("[data-seats-socket]");
  const target = document.getElementById("seats-left");
  if (!article || !target || !("WebSocket" in window)) return;
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const socket = new WebSocket(scheme + location.host + article.dataset.seatsSocket);
  const label = (left) => {
    if (left <= 0) return target.dataset.full;
    const words = left === 1 ? target.dataset.one : target.dataset.many;
    return words.replace(/\d+/, String(left));
  };
  socket.addEventListener("message", (event) => {
    const data = JSON.parse(event.data);
    if (typeof data.seats_left === "number") target.textContent = label(data.seats_left);
  });
})();
