namespace Platform.ServiceDefaults;

public static class Backoff
{
    /// <summary>The next wait of an exponential backoff: twice <paramref name="delay"/>, never more than <paramref name="max"/>.</summary>
    public static TimeSpan Next(TimeSpan delay, TimeSpan max) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));
}
