"""Prepares moto's S3 server for the evidence test: the bucket, an IAM user with S3 rights and
its access key, then switches request authentication on, so every later request must carry a
valid AWS Signature Version 4 made with that key. Prints the key id and secret."""
import sys

import boto3
import urllib.request

endpoint = sys.argv[1]
anyone = dict(endpoint_url=endpoint, region_name="us-east-1",
              aws_access_key_id="setup", aws_secret_access_key="setup")
boto3.client("s3", **anyone).create_bucket(Bucket="evidence")
iam = boto3.client("iam", **anyone)
iam.create_user(UserName="ccms")
iam.put_user_policy(UserName="ccms", PolicyName="evidence", PolicyDocument=(
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'))
key = iam.create_access_key(UserName="ccms")["AccessKey"]
urllib.request.urlopen(urllib.request.Request(
    endpoint + "/moto-api/reset-auth", data=b"0", method="POST",
    headers={"Content-Type": "text/plain"}))
print(key["AccessKeyId"], key["SecretAccessKey"])
