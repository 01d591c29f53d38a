"""The seed article's policy documents, as the sandbox seeds them: the very files in
provisioning/ that the setup engine deploys (one copy, reviewed once), with its placeholders
${Partition}, ${AccountId}, ${RoleName}. IAM's own variables such as ${aws:username} stay.
"""

from __future__ import annotations

from ..core.documents import (
    ASSUME_FILE,
    CREDENTIALS_FILE,
    TRUST_FILE,
    load_policy_template,
    render_policy_text,
)

ASSUME_ADMIN_ROLE_POLICY = load_policy_template(ASSUME_FILE)
MANAGE_OWN_CREDENTIALS_WITH_MFA_POLICY = load_policy_template(CREDENTIALS_FILE)
ADMIN_ROLE_TRUST_POLICY = load_policy_template(TRUST_FILE)


def render(document: str, *, partition: str, account_id: str, role_name: str) -> str:
    """Fill in our placeholders only; IAM variables like ${aws:username} are left alone."""
    return render_policy_text(
        document, partition=partition, account_id=account_id, role_name=role_name
    )
