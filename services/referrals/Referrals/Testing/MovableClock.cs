using Platform.ServiceDefaults.Access;
using Referrals.Sweeping;

namespace Referrals.Testing;

/// <summary>
/// End-to-end specs run referrals as a process of its own, so they cannot swap its clock the way
/// in-process specs do; consent expiry and response deadlines are still proved by moving time, not
/// by waiting. Only in the <c>Testing</c> environment with <c>Referrals:Testing:MovableClock=true</c>
/// (both set by the end-to-end fixture, never by a deployment) is the service's clock real time plus
/// an offset, moved by <c>POST /testing/clock</c> on the service itself (the gateway routes no such
/// path, and the OpenAPI document does not list it), and read by <c>GET /testing/clock</c>. The move
/// then sweeps at once, unless it says <c>"sweep": false</c>: a spec can then show what holds between
/// an expiry and the sweep that records it.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    public const string Path = "/testing/clock";

    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public static bool Enabled(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Environment.IsEnvironment("Testing") && builder.Configuration.GetValue<bool>("Referrals:Testing:MovableClock");
    }

    public static void AddTo(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var clock = new MovableClock();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
    }

    public static void MapTo(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, async (ClockMove move, MovableClock clock, ReferralSweeper sweeper, CancellationToken cancellationToken) =>
        {
            if (move.By <= TimeSpan.Zero)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Time only moves forward.", detail: "Give 'by' as a positive duration.");
            }
            Interlocked.Add(ref clock.offsetTicks, move.By.Ticks);
            if (move.Sweep ?? true)
            {
                await sweeper.SweepAsync(cancellationToken);
            }
            return Results.Ok(new ClockMoved(clock.GetUtcNow()));
        }).AllowPublicAccess().ExcludeFromDescription();
        app.MapGet(Path, (MovableClock clock) => Results.Ok(new ClockMoved(clock.GetUtcNow()))).AllowPublicAccess().ExcludeFromDescription();
    }
}

/// <summary>How far to move the clock, and whether to sweep then (the default).</summary>
public sealed record ClockMove(TimeSpan By, bool? Sweep);

public sealed record ClockMoved(DateTimeOffset Now);
