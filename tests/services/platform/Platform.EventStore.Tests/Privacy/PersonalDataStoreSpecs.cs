using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Platform.EventStore.Appending;
using Platform.EventStore.Integrity;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;
using Platform.Testing;

namespace Platform.EventStore.Tests.Privacy;

/// <summary>
/// Personal data on real PostgreSQL: encrypted at rest (nothing in a pg_dump), plain to domain
/// code, erased by destroying a key without touching the log, and readable across a master key rotation.
/// </summary>
public sealed class PersonalDataStoreSpecs : IAsyncLifetime
{
    private readonly StoreFixture fixture = new();
    private readonly Guid ada = Guid.CreateVersion7();
    private readonly Guid bea = Guid.CreateVersion7();
    private readonly string stream = $"report-{Guid.CreateVersion7()}";

    private static readonly string[] AdasValues = ["Ada Lovelace", "+44 20 7946 0018", "She was followed home from the library twice."];
    private static readonly string[] BeasValues = ["Bea Ramírez", "+34 600 000 111", "Her manager sent threatening messages."];

    public async Task InitializeAsync()
    {
        await fixture.InitializeAsync();
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream,
            new PersonReported(Guid.NewGuid(), ada, AdasValues[0], AdasValues[1], AdasValues[2], "community"),
            new PersonReported(Guid.NewGuid(), bea, BeasValues[0], BeasValues[1], BeasValues[2], "workplace"));
        await fixture.AppendAsync(stream, ExpectedVersion.Exactly(2),
            new PersonReported(Guid.NewGuid(), ada, AdasValues[0], AdasValues[1], "A second report, in a single append.", "online"));
    }

    public Task DisposeAsync() => fixture.DisposeAsync();

    private async Task<List<PersonReported>> ReadReportsAsync(EventStore? store = null) =>
        [.. (await (store ?? fixture.Store).ReadStreamAsync(stream)).Select(e => e.Data).OfType<PersonReported>()];

    [Fact]
    public async Task Domain_code_reads_plain_values_and_the_database_holds_none_of_them()
    {
        var reports = await ReadReportsAsync();

        reports.Select(r => r.Name).ShouldBe([AdasValues[0], BeasValues[0], AdasValues[0]]);
        reports[1].Narrative.ShouldBe(BeasValues[2]);
        reports[1].Setting.ShouldBe("workplace");
        var dump = await PgDumpAsync();
        dump.ShouldContain("pd1.");
        dump.ShouldContain("workplace"); // not personal: stored plain
        foreach (var value in AdasValues.Concat(BeasValues))
        {
            dump.ShouldNotContain(value);
            dump.ShouldNotContain(JsonEncodedText.Encode(value).ToString()); // as System.Text.Json would write it ("+" and "í" escaped)
        }
    }

    [Fact]
    public async Task A_log_reader_that_does_not_open_personal_data_reads_every_personal_value_as_erased()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();

        var kept = await ReadLogAsync(connection, openPersonalData: false);
        var opened = await ReadLogAsync(connection, openPersonalData: true);

        kept.Count.ShouldBe(3);
        kept.ShouldAllBe(r => r.Name == PersonalData.ErasedMarker && r.Phone == PersonalData.ErasedMarker && r.Narrative == PersonalData.ErasedMarker);
        kept.Select(r => (r.PersonId, r.Setting)).ShouldBe([(ada, "community"), (bea, "workplace"), (ada, "online")]);
        opened.Select(r => r.Name).ShouldBe([AdasValues[0], BeasValues[0], AdasValues[0]]);
    }

    // The log shows only transactions below the cluster's snapshot horizon, which other specs' open
    // transactions can hold back for a moment: read until the three reports are there.
    private async Task<List<PersonReported>> ReadLogAsync(NpgsqlConnection connection, bool openPersonalData)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var page = await fixture.Store.ReadLogAsync(connection, LogPosition.Start, 100, openPersonalData, CancellationToken.None);
            var reports = page.Events.Select(e => e.Data).OfType<PersonReported>().ToList();
            if (reports.Count >= 3 || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return reports;
            }
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Erasing_a_subject_leaves_the_log_intact_and_their_fields_read_as_erased()
    {
        using var keys = new CheckpointKeys(CheckpointKeys.NewSigningKey(), []);
        await fixture.CheckpointAsync(keys);
        var before = await fixture.ScalarAsync("select count(*) from events");
        var hashes = await HashesAsync();

        await fixture.Store.EraseSubjectAsync(ada, stream, ExpectedVersion.Exactly(3), "erasure requested by the data subject", TestEvents.Metadata());

        var reports = await ReadReportsAsync();
        reports.Where(r => r.PersonId == ada).ShouldAllBe(r => r.Name == PersonalData.ErasedMarker && r.Phone == PersonalData.ErasedMarker && r.Narrative == PersonalData.ErasedMarker);
        reports.Single(r => r.PersonId == bea).Name.ShouldBe(BeasValues[0]);
        (await fixture.Store.ReadStreamAsync(stream))[^1].Data.ShouldBeOfType<SubjectErased>().SubjectId.ShouldBe(ada.ToString());
        (await fixture.ScalarAsync("select count(*) from events")).ShouldBe(before + 1);
        (await HashesAsync()).Take(hashes.Count).ShouldBe(hashes);
        (await fixture.ScalarAsync($"select count(*) from subject_keys where subject_id = '{ada}'")).ShouldBe(0);
        var report = await IntegrityVerifier.VerifyAsync(fixture.DataSource, keys);
        report.Intact.ShouldBeTrue(string.Join("; ", report.Breaks));
    }

    [Fact]
    public async Task An_erased_subjects_data_cannot_be_written_again()
    {
        await fixture.Store.EraseSubjectAsync(ada.ToString(), stream, ExpectedVersion.Exactly(3), "erasure requested", TestEvents.Metadata());

        await Should.ThrowAsync<SubjectErasedException>(() => fixture.AppendAsync(
            stream, ExpectedVersion.Exactly(4), new PersonReported(Guid.NewGuid(), ada, "Ada again", "0", "new", "online")));
        (await fixture.ScalarAsync("select max(stream_version) from events where stream_id = '" + stream + "'")).ShouldBe(4);
    }

    [Fact]
    public async Task A_rebuilt_projection_holds_no_data_of_an_erased_subject()
    {
        var people = new PeopleProjection();
        await fixture.ScalarAsync(people.CreateTablesSql(ProjectionTables.Live(people)));
        var rebuilder = new ProjectionRebuilder(fixture.Store, fixture.Watcher);
        await rebuilder.RebuildAsync(people);
        (await fixture.ScalarAsync("select count(*) from people")).ShouldBe(2);

        await fixture.Store.EraseSubjectAsync(ada.ToString(), stream, ExpectedVersion.Exactly(3), "erasure requested", TestEvents.Metadata());
        await rebuilder.RebuildAsync(people);

        (await fixture.ScalarAsync("select count(*) from people")).ShouldBe(1);
        var dump = await PgDumpAsync();
        foreach (var value in AdasValues)
        {
            dump.ShouldNotContain(value);
            dump.ShouldNotContain(JsonEncodedText.Encode(value).ToString());
        }
    }

    [Fact]
    public async Task Another_process_forgets_an_erased_subjects_key_at_once()
    {
        await using var otherSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var otherKeys = new SubjectKeys(otherSource, fixture.MasterKeys);
        var otherWatcher = StoreFixture.NewWatcher(otherSource, otherKeys);
        await otherWatcher.StartAsync(CancellationToken.None);
        try
        {
            var other = new EventStore(otherSource, TestEvents.Registry(), otherWatcher, [], otherKeys);
            (await ReadReportsAsync(other))[0].Name.ShouldBe(AdasValues[0]); // its key is cached there now

            await fixture.Store.EraseSubjectAsync(ada.ToString(), stream, ExpectedVersion.Exactly(3), "erasure requested", TestEvents.Metadata());

            var clock = Stopwatch.StartNew();
            while ((await ReadReportsAsync(other))[0].Name != PersonalData.ErasedMarker)
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the other process still reads the erased subject's data");
                await Task.Delay(20);
            }
        }
        finally
        {
            await otherWatcher.StopAsync(CancellationToken.None);
            otherWatcher.Dispose();
        }
    }

    [Fact]
    public async Task Rotating_the_master_key_rewraps_keys_and_keeps_every_event_readable()
    {
        var k2 = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKeyRing.KeySize);
        var both = new MasterKeyRing("k2", new Dictionary<string, byte[]> { ["k1"] = fixture.MasterKey, ["k2"] = k2 });
        var hashes = await HashesAsync();

        var keys = await fixture.ScalarAsync("select count(*) from subject_keys");
        keys.ShouldBeGreaterThanOrEqualTo(2); // one per subject, or more when a cache was dropped
        (await new SubjectKeys(fixture.DataSource, both).RewrapAsync()).ShouldBe((int)keys);
        (await new SubjectKeys(fixture.DataSource, both).RewrapAsync()).ShouldBe(0);

        var onlyK2 = new SubjectKeys(fixture.DataSource, new MasterKeyRing("k2", new Dictionary<string, byte[]> { ["k2"] = k2 }));
        var store = new EventStore(fixture.DataSource, TestEvents.Registry(), fixture.Watcher, [], onlyK2);
        (await ReadReportsAsync(store)).Select(r => r.Phone).ShouldBe([AdasValues[1], BeasValues[1], AdasValues[1]]);
        (await HashesAsync()).ShouldBe(hashes);
    }

    private async Task<List<string>> HashesAsync()
    {
        await using var command = fixture.DataSource.CreateCommand("select encode(hash, 'hex') || data::text from events order by global_position");
        var hashes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            hashes.Add(reader.GetString(0));
        }
        return hashes;
    }

    private Task<string> PgDumpAsync() => PgDump.DataAsync(fixture.ConnectionString);
}
