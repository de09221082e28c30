"""A merchant's pages: My plans (推广计划) and the review queues of applications and samples."""
