"""Commands the poverty service accepts: none yet; the review's methods (`review.Review`) are
the actions the service layer will expose."""
