"""boto3 without its resource models and the s3/ec2/dynamodb helpers.

Replaces the contributed hook. The setup engine uses boto3 sessions for clients only; boto3
imports its s3/ec2/dynamodb customisations lazily, when such a client is made, which the
app never does.
"""

hiddenimports: list[str] = []
datas: list[tuple[str, str]] = []
