"""Placeholder replaced by the demo seeder."""
DEMO_WORKSPACE = "demo"
DEMO_MANAGER = "maria"


def seed_demo(store) -> bool:
    return False
