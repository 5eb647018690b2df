"""Commands the payment service accepts (none yet)."""
