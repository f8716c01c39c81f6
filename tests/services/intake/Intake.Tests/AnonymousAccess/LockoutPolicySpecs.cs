using Intake.AnonymousAccess;

namespace Intake.Tests.AnonymousAccess;

public sealed class LockoutPolicySpecs
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly LockoutPolicy Policy = LockoutPolicy.Default;

    private static AccessAttempts FailuresAt(params double[] secondsFromStart) =>
        secondsFromStart.Aggregate(AccessAttempts.None, (attempts, seconds) => Policy.AfterFailure(attempts, Start.AddSeconds(seconds)));

    [Fact]
    public void A_first_attempt_is_checked_at_once() => Policy.MustWait(AccessAttempts.None, Start).ShouldBeNull();

    [Fact]
    public void Each_failure_doubles_the_wait_before_the_next_attempt()
    {
        Policy.MustWait(FailuresAt(0), Start).ShouldBe(TimeSpan.FromSeconds(1));
        Policy.MustWait(FailuresAt(0, 10), Start.AddSeconds(10)).ShouldBe(TimeSpan.FromSeconds(2));
        Policy.MustWait(FailuresAt(0, 10, 20), Start.AddSeconds(20)).ShouldBe(TimeSpan.FromSeconds(4));
        Policy.MustWait(FailuresAt(0, 10, 20, 30), Start.AddSeconds(30)).ShouldBe(TimeSpan.FromSeconds(8));
        Policy.MustWait(FailuresAt(0, 10, 20, 30), Start.AddSeconds(38)).ShouldBeNull();
    }

    [Fact]
    public void The_fifth_failure_within_fifteen_minutes_locks_for_fifteen_minutes()
    {
        var locked = FailuresAt(0, 10, 20, 30, 40);

        Policy.MustWait(locked, Start.AddSeconds(40)).ShouldBe(TimeSpan.FromMinutes(15));
        Policy.MustWait(locked, Start.AddSeconds(40).AddMinutes(15)).ShouldBeNull();
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_do_not_lock()
    {
        var attempts = FailuresAt(0, 300, 600, 900, 1_200);

        attempts.LockedUntil.ShouldBeNull();
        attempts.Failures.ShouldBe(2);
    }

    [Fact]
    public void Each_further_lockout_lasts_twice_as_long_up_to_a_day()
    {
        var attempts = AccessAttempts.None;
        var now = Start;
        var lockouts = new List<TimeSpan>();
        for (var lockout = 0; lockout < 9; lockout++)
        {
            for (var failure = 0; failure < Policy.MaxFailures; failure++)
            {
                now += Policy.MustWait(attempts, now) ?? TimeSpan.Zero;
                attempts = Policy.AfterFailure(attempts, now);
            }
            lockouts.Add(Policy.MustWait(attempts, now)!.Value);
        }

        lockouts.Select(span => span.TotalMinutes).ShouldBe([15, 30, 60, 120, 240, 480, 960, 1_440, 1_440]);
    }

    [Fact]
    public void A_quiet_day_forgets_earlier_lockouts()
    {
        var once = FailuresAt(0, 10, 20, 30, 40);
        var dayLater = once.LockedUntil!.Value.AddHours(24);

        var again = Enumerable.Range(0, 5).Aggregate(once, (attempts, i) => Policy.AfterFailure(attempts, dayLater.AddSeconds(i * 10)));

        Policy.MustWait(again, dayLater.AddSeconds(40)).ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void Success_clears_the_failures() => LockoutPolicy.AfterSuccess().ShouldBe(AccessAttempts.None);
}
