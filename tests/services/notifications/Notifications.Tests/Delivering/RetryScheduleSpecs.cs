using Notifications.Delivering;

namespace Notifications.Tests.Delivering;

public sealed class RetryScheduleSpecs
{
    private static readonly DeliveryOptions Defaults = new();
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_cap_doubles_from_the_initial_backoff_up_to_the_maximum()
    {
        RetrySchedule.Cap(1, Defaults).ShouldBe(TimeSpan.FromSeconds(5));
        RetrySchedule.Cap(2, Defaults).ShouldBe(TimeSpan.FromSeconds(10));
        RetrySchedule.Cap(5, Defaults).ShouldBe(TimeSpan.FromSeconds(80));
        RetrySchedule.Cap(12, Defaults).ShouldBe(Defaults.MaxBackoff);
        RetrySchedule.Cap(1000, Defaults).ShouldBe(Defaults.MaxBackoff);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 40)]
    [InlineData(0.999999, 80)]
    public void Full_jitter_waits_anywhere_from_nothing_up_to_the_cap(double random, int expectedSeconds)
    {
        var decision = RetrySchedule.After(5, Start, Start, random, Defaults);

        var at = decision.ShouldBeOfType<RetryDecision.RetryAt>().When;
        (at - Start).TotalSeconds.ShouldBe(expectedSeconds, tolerance: 0.001);
    }

    [Fact]
    public void A_failing_delivery_is_retried_for_at_least_a_day_before_it_is_dead_lettered()
    {
        Defaults.RetryWindow.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromDays(1));
        var now = Start;
        var attempts = 0;
        RetryDecision decision;
        // The worst case for the window is the largest jitter every time: it still keeps going past a day.
        while ((decision = RetrySchedule.After(++attempts, Start, now, 0.999, Defaults)) is RetryDecision.RetryAt at)
        {
            now = at.When;
        }

        (now - Start).ShouldBeGreaterThan(TimeSpan.FromDays(1));
        decision.ShouldBeOfType<RetryDecision.DeadLetter>();
    }

    [Fact]
    public void A_retry_that_would_fall_after_the_window_is_a_dead_letter_instead()
    {
        var late = Start + Defaults.RetryWindow - TimeSpan.FromSeconds(1);

        RetrySchedule.After(3, Start, late, 0.9, Defaults).ShouldBeOfType<RetryDecision.DeadLetter>();
        RetrySchedule.After(3, Start, late, 0.0, Defaults).ShouldBeOfType<RetryDecision.RetryAt>();
    }
}
