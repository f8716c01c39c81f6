using Platform.EventStore.Appending;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EventStore.Tests;

/// <summary>Two processes compete for one subscription; the active one is killed mid-stream.</summary>
public sealed class TakeoverSpecs(StoreFixture fixture, ITestOutputHelper output) : IClassFixture<StoreFixture>
{
    private ServiceProcess StartSubscriber(string label) => ServiceProcess.Start(
        $"subscriber-{label}",
        RepositoryLayout.BuiltAssembly("tests/services/platform/Platform.EventStore.SubscriberProcess", "Platform.EventStore.SubscriberProcess"),
        new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = fixture.ConnectionString,
            ["Subscriber__Label"] = label,
        });

    private async Task<Guid> AppendOneAsync(int number)
    {
        var append = EventToAppend.New(new ThingHappened(Guid.NewGuid(), number));
        await fixture.Store.AppendAsync(StoreFixture.NewStreamId(), ExpectedVersion.NoStream, [append], TestEvents.Metadata());
        return append.EventId;
    }

    private async Task<long> WaitForAsync(string countSql, long expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        long count;
        while ((count = await fixture.ScalarAsync(countSql)) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return count;
    }

    [Fact]
    public async Task Killing_the_active_process_hands_over_to_the_standby_with_no_event_lost_or_repeated()
    {
        await fixture.ScalarAsync("create table handled (event_id uuid primary key, handled_by text not null, duplicates int not null default 0)");
        await using var first = StartSubscriber("first");
        var warmUp = await AppendOneAsync(0);
        (await WaitForAsync($"select count(*) from handled where event_id = '{warmUp}' and handled_by = 'first'", 1, TimeSpan.FromSeconds(60)))
            .ShouldBe(1, $"the first process never became active. Its output:\n{first.Output}");
        await using var second = StartSubscriber("second");
        // Other test assemblies share this PostgreSQL cluster and take advisory locks of their own; only this database's waiters count.
        (await WaitForAsync("select count(*) from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())", 1, TimeSpan.FromSeconds(60)))
            .ShouldBe(1, $"the second process never waited for the subscription. Its output:\n{second.Output}");

        var appended = new List<Guid> { warmUp };
        var killedAt = 0;
        for (var i = 1; i <= 300; i++)
        {
            appended.Add(await AppendOneAsync(i));
            if (i == 120)
            {
                await first.StopAsync(); // SIGKILL: no goodbye, the session just ends
                killedAt = i;
            }
            await Task.Delay(5);
        }

        var handled = await WaitForAsync("select count(*) from handled", appended.Count, TimeSpan.FromSeconds(60));
        var bySecond = await fixture.ScalarAsync("select count(*) from handled where handled_by = 'second'");
        var duplicates = await fixture.ScalarAsync("select coalesce(sum(duplicates), 0) from handled");
        output.WriteLine($"appended {appended.Count}, handled {handled}, by the standby {bySecond}, killed after {killedAt}, repeats {duplicates}");

        handled.ShouldBe(appended.Count, $"standby output:\n{second.Output}");
        bySecond.ShouldBeGreaterThanOrEqualTo(appended.Count - killedAt - 1);
        duplicates.ShouldBe(0);
    }
}
