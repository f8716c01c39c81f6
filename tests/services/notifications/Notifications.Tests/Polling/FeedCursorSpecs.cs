using Notifications.Polling;

namespace Notifications.Tests.Polling;

public sealed class FeedCursorSpecs
{
    [Fact]
    public void A_cursor_reads_back_as_the_position_it_was_made_from()
    {
        var cursor = new FeedCursor(123_456_789_012, 42);

        FeedCursor.TryParse(cursor.ToString(), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(cursor);
    }

    [Fact]
    public void No_cursor_is_the_start_of_the_feed()
    {
        FeedCursor.TryParse(null, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(FeedCursor.Start);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("MTI6")]
    [InlineData("LTE6Mg")]
    public void Anything_the_feed_did_not_hand_out_is_refused(string value) =>
        FeedCursor.TryParse(value, out _).ShouldBeFalse();
}
