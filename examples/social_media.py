"""Likes per hour from posts per hour: a convolution, worked out hour by hour.

A page publishes ``f[t]`` posts in hour ``t`` (hours 0..5). A post collects ``g[s]`` likes in the
``s``-th hour after it was published (``s`` = 0..4), whatever hour it went out. So the likes that
arrive in hour ``n`` come from every earlier hour ``k``: ``f[k]`` posts, each ``n - k`` hours old,
each bringing ``g[n - k]`` likes. Summing over ``k`` is the convolution

    likes[n] = (f*g)[n] = sum_k f[k] g[n - k].

Run it with ``python examples/social_media.py``.
"""

from __future__ import annotations

import discreteconv as dc

POSTS_PER_HOUR = dc.Signal([3, 0, 5, 0, 2, 1], start=0)  # f: hours 0..5
LIKES_PER_POST = dc.Signal([5, 4, 3, 2, 1], start=0)  # g: 0..4 hours after posting


def likes_per_hour() -> dc.Signal:
    """Print the likes arriving in every hour, with a bar for each, and return them."""
    likes = dc.convolve(POSTS_PER_HOUR, LIKES_PER_POST)
    print("hour | posts | likes")
    print("-----+-------+------")
    for hour in likes.indices:
        count = likes.at(hour)
        print(f"{hour:4} | {POSTS_PER_HOUR.at(hour):5} | {count:5}  {'#' * count}")
    total_posts, likes_each = sum(POSTS_PER_HOUR), sum(LIKES_PER_POST)
    print(f"\n{sum(likes)} likes in all = {total_posts} posts x {likes_each} likes per post")
    return likes


def busiest_hour(likes: dc.Signal) -> int:
    """The hour with the most likes (the first one, if several tie)."""
    hour = max(likes.indices, key=likes.at)
    print(f"busiest hour: {hour}, with {likes.at(hour)} likes")
    return hour


def worked_hour(hour: int) -> None:
    """The computation of one hour, as a table in text and in LaTeX."""
    work = dc.explain(POSTS_PER_HOUR, LIKES_PER_POST, hour)
    print(work.to_text())
    print()
    print("The same in LaTeX:")
    print(work.to_latex())


def main() -> None:
    print("Likes per hour")
    print("==============")
    likes = likes_per_hour()
    print()
    busiest_hour(likes)
    print()
    print("Hour 4, worked by hand")
    print("======================")
    worked_hour(4)


if __name__ == "__main__":
    main()
