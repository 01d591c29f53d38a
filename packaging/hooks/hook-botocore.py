"""botocore's data, trimmed to the services the app calls.

Replaces the contributed hook, which bundles every service model (~25 MB). The spec names
the services (hooksconfig {"botocore": {"services": [...]}}); botocore also reads a few
top-level files at import and client creation, kept here by name.
"""

from pathlib import PurePath

from PyInstaller.utils.hooks import collect_data_files, get_hook_config

hiddenimports = ["html.parser"]

# read by botocore itself, whatever the service
TOP_LEVEL = {"endpoints.json", "partitions.json", "sdk-default-configuration.json", "_retry.json"}


def hook(hook_api):
    services = get_hook_config(hook_api, "botocore", "services")
    if not services:
        raise SystemExit("build.spec must name the AWS services: hooksconfig botocore.services")
    keep = []
    for src, dest in collect_data_files("botocore"):
        parts = PurePath(dest).parts  # ('botocore', 'data', 'sts', '2011-06-15')
        if parts[:2] != ("botocore", "data"):
            keep.append((src, dest))  # cacert.pem and the like
        elif len(parts) == 2:
            if PurePath(src).name in TOP_LEVEL:
                keep.append((src, dest))
        elif parts[2] in services:
            keep.append((src, dest))
    hook_api.add_datas(keep)
