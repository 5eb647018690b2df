from .builders import World, register


def test_register_and_read_back() -> None:
    world = World()
    record_id = world.handle(register())
    assert world.stored("01", record_id).state.active
