"""Fan-out order: recipients interleaved by channel, every one kept, each channel's own order kept."""
from hypothesis import given
from hypothesis import strategies as st

from bot.scheduler.fanout import interleave

items = st.lists(st.tuples(st.sampled_from("abcde"), st.integers()), max_size=60)


@given(items)
def test_interleaving_keeps_every_recipient_and_each_channels_order(posts):
    order = interleave(posts, spread=lambda post: post[0])
    assert sorted(order) == sorted(posts)
    for channel in "abcde":
        assert [p for p in order if p[0] == channel] == [p for p in posts if p[0] == channel]


@given(items)
def test_a_channel_repeats_only_once_the_other_channels_ran_out(posts):
    order = interleave(posts, spread=lambda post: post[0])
    for position in range(1, len(order)):
        if order[position][0] == order[position - 1][0]:
            assert {p[0] for p in order[position:]} == {order[position][0]}
