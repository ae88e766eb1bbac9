"""Media in S3-compatible object storage, when a bucket is configured.

Several web machines behind a load balancer must see the same uploaded images,
documents and renditions: they go to one bucket through django-storages. With no
bucket, media stay on the local disk (``MEDIA_ROOT``), the embedded default.

Pure functions of the configuration, so that the settings and the tests build
the storage the same way.
"""

from __future__ import annotations

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"


def media_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    region: str = "",
    access_key_id: str = "",
    secret_access_key: str = "",
    custom_domain: str = "",
    querystring_auth: bool = True,
    querystring_expire: int = 3600,
) -> dict:
    """``STORAGES["default"]``: the bucket's S3Storage, or the local disk."""
    if not bucket:
        return {"BACKEND": LOCAL_BACKEND}
    options = {
        "bucket_name": bucket,
        # Objects get no ACL of their own: the bucket stays private and a URL
        # is readable only while its signature lasts (querystring_auth).
        "default_acl": None,
        "querystring_auth": querystring_auth,
        "querystring_expire": querystring_expire,
        # Two editors uploading "photo.jpg" get two files, as on the local disk
        # (django-storages overwrites by default).
        "file_overwrite": False,
        # The origin of every media URL must be known in advance: the content
        # security policy names it (media_origin).
        "addressing_style": "path" if endpoint_url else "virtual",
        "signature_version": "s3v4",
    }
    optional = {
        "endpoint_url": endpoint_url,
        "region_name": region,
        # Unset: boto3 finds credentials itself (instance role, its own files).
        "access_key": access_key_id,
        "secret_key": secret_access_key,
        "custom_domain": custom_domain,
    }
    options |= {name: value for name, value in optional.items() if value}
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def media_origin(
    *, bucket: str, endpoint_url: str = "", region: str = "", custom_domain: str = ""
) -> str:
    """Where browsers fetch media from, for the content security policy.

    Empty for the local disk: media are then on the site's own origin.
    """
    if not bucket:
        return ""
    if custom_domain:
        return f"https://{custom_domain}"
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return f"{parts.scheme}://{parts.netloc}"
    # AWS, virtual-hosted: boto3 names no region for us-east-1.
    if region in ("", "us-east-1"):
        return f"https://{bucket}.s3.amazonaws.com"
    return f"https://{bucket}.s3.{region}.amazonaws.com"
