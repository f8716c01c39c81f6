using System.Diagnostics;
using Platform.EventStore.Integrity;
using Platform.Testing;

namespace Platform.EventStore.Tests.Integrity;

/// <summary>
/// What `./platform audit verify` runs, run as its own process against a store tampered with by
/// SQL: it exits 0 on an untouched store and 1 on each kind of tampering, naming stream and version.
/// </summary>
public sealed class AuditCommandSpecs
{
    public static TheoryData<string, string, string, long> Tampering => new()
    {
        { "update data", """update events set data = '{"thingId":"00000000-0000-0000-0000-000000000000","number":7}' where stream_id = '{stream}' and stream_version = 1""", "stream", 1 },
        { "update metadata", """update events set metadata = replace(metadata::text, 'staff-7', 'staff-8')::json where stream_id = '{stream}' and stream_version = 5""", "stream", 5 },
        { "delete a middle event", "delete from events where stream_id = '{stream}' and stream_version = 3", "stream", 4 },
        { "delete the tail", "delete from events where stream_id = '{stream}' and stream_version = 5", "stream", 5 },
        { "delete a whole stream", "delete from events where stream_id = '{other}'", "other", 1 },
        {
            "insert a forged event",
            """
            insert into events (stream_id, stream_version, event_id, event_type, data, metadata, hash)
            select stream_id, 6, gen_random_uuid(), event_type, data, metadata, hash from events where stream_id = '{stream}' and stream_version = 5
            """,
            "stream", 6
        },
        {
            "swap two versions",
            """
            update events set stream_version = -2 where stream_id = '{stream}' and stream_version = 2;
            update events set stream_version = 2 where stream_id = '{stream}' and stream_version = 1;
            update events set stream_version = 1 where stream_id = '{stream}' and stream_version = -2;
            """,
            "stream", 1
        },
    };

    [Fact]
    public Task An_untouched_store_verifies_and_exits_0() => TamperedStore.WithStoreAsync(async store =>
    {
        var (exitCode, output) = await AuditAsync(store, "verify");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("INTACT");
    });

    [Theory]
    [MemberData(nameof(Tampering))]
    public Task Tampering_is_named_and_exits_1(string kind, string sql, string which, long version) => TamperedStore.WithStoreAsync(async store =>
    {
        await store.TamperAsync(sql);

        var (exitCode, output) = await AuditAsync(store, "verify");

        exitCode.ShouldBe(1, $"{kind}: {output}");
        var stream = which == "stream" ? store.Stream : store.Other;
        output.Split('\n').ShouldContain(
            line => line.Contains(stream, StringComparison.Ordinal) && line.Contains($"│ {version} ", StringComparison.Ordinal), $"{kind}: {output}");
    });

    [Fact]
    public Task A_checkpoint_is_taken_on_demand() => TamperedStore.WithStoreAsync(async store =>
    {
        await store.Fixture.AppendAsync(store.Stream, Appending.ExpectedVersion.Exactly(5), new ThingClosed(Guid.NewGuid(), "later"));

        var (exitCode, output) = await AuditAsync(store, "checkpoint", "--signing-key", store.SigningKey);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Checkpoint 2");
    });

    [Fact]
    public Task Bad_arguments_exit_2_with_the_usage() => TamperedStore.WithStoreAsync(async store =>
    {
        var (exitCode, output) = await AuditAsync(store, "verify", "--unknown");

        exitCode.ShouldBe(2);
        output.ShouldContain("usage: platform-audit");
    });

    private static async Task<(int ExitCode, string Output)> AuditAsync(TamperedStore store, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryLayout.BuiltAssembly("tools/Platform.Audit", "Platform.Audit"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--connection");
        start.ArgumentList.Add(store.Fixture.ConnectionString);
        start.ArgumentList.Add("--trusted-key");
        start.ArgumentList.Add(CheckpointKeys.PublicKeyOf(store.SigningKey));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
