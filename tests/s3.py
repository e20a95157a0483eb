"""A moto S3 server on localhost and settings that put the default and private
storages on it."""

import boto3
from moto.server import ThreadedMotoServer

from tests.smtp import free_port


class S3Server:
    def __init__(self):
        self.port = free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port)
        self.endpoint = f"http://127.0.0.1:{self.port}"
        # moto keeps its state per process: one bucket per server.
        self.bucket = f"portail-test-{self.port}"

    def __enter__(self):
        self.server.start()
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="eu-west-3",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        self.client.create_bucket(
            Bucket=self.bucket,
            CreateBucketConfiguration={"LocationConstraint": "eu-west-3"},
        )
        return self

    def __exit__(self, *exc):
        self.server.stop()

    def storages(self, settings):
        """Public media at the bucket's root and documents under its private/
        prefix, as cms/settings/base.py sets them up."""
        options = {
            "bucket_name": self.bucket,
            "region_name": "eu-west-3",
            "endpoint_url": self.endpoint,
            "access_key": "test",
            "secret_key": "test",
            "file_overwrite": False,
            "default_acl": "private",
            "querystring_auth": True,
            "custom_domain": None,
        }
        backend = "storages.backends.s3.S3Storage"
        return {
            **settings.STORAGES,
            "default": {"BACKEND": backend, "OPTIONS": options},
            "private": {
                "BACKEND": backend,
                "OPTIONS": {**options, "location": "private"},
            },
        }
