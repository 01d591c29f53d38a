"""IAM policy evaluation, standard library only: the sandbox answers requests with it and
`setup doctor` asks it who a trust policy admits."""
