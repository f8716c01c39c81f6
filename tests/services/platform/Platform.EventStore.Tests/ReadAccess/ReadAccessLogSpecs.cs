using Platform.EventStore.ReadAccess;

namespace Platform.EventStore.Tests.ReadAccess;

public sealed class ReadAccessLogSpecs(ReadAccessFixture fixture) : IClassFixture<ReadAccessFixture>
{
    private static readonly Actor Caseworker = new("cases-web", "org-shelter", "user-17");
    private static readonly Actor Auditor = new("audit-console", "org-auditors", "auditor-3");

    private ReadAccessLog Log => fixture.Log;

    private Task<ReadAccessPage> AuditAsync(ReadAccessQuery query, string purpose = "quarterly audit", string? correlationId = null) =>
        Log.QueryAsync(query, Auditor, purpose, correlationId);

    [Fact]
    public async Task A_read_is_recorded_with_its_reader_organization_purpose_and_time()
    {
        var stream = ReadAccessFixture.NewStreamId();
        var before = await fixture.DatabaseNowAsync();

        await Log.RecordAsync(stream, Caseworker, "case handling", "corr-1");
        await Log.RecordAsync(stream, new Actor("cases-api", null, null), "timeline view", correlationId: null);
        var after = await fixture.DatabaseNowAsync();
        var page = await AuditAsync(new ReadAccessQuery(StreamId: stream));

        page.NextCursor.ShouldBeNull();
        page.Entries.Count.ShouldBe(2);
        var first = page.Entries[0];
        first.StreamId.ShouldBe(stream);
        first.Reader.ShouldBe(Caseworker);
        first.Purpose.ShouldBe("case handling");
        first.What.ShouldBe(ReadAccessWhat.Stream);
        first.CorrelationId.ShouldBe("corr-1");
        first.ReadAt.ShouldBeInRange(before, after);
        page.Entries[1].Reader.ShouldBe(new Actor("cases-api", null, null));
        page.Entries[1].CorrelationId.ShouldBeNull();
        page.Entries[1].Id.ShouldBeGreaterThan(first.Id);
    }

    [Fact]
    public async Task Pages_return_each_entry_exactly_once_in_id_order()
    {
        var stream = ReadAccessFixture.NewStreamId();
        var purposes = Enumerable.Range(1, 7).Select(n => $"read {n}").ToList();
        foreach (var purpose in purposes)
        {
            await Log.RecordAsync(stream, Caseworker, purpose, null);
        }

        var seen = new List<ReadAccessEntry>();
        var pages = 0;
        long? cursor = null;
        do
        {
            var page = await AuditAsync(new ReadAccessQuery(StreamId: stream, After: cursor, Limit: 3), "paging");
            page.Entries.Count.ShouldBeLessThanOrEqualTo(3);
            seen.AddRange(page.Entries);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        // Each page's own record shows up on a later page, like any other read of the log.
        seen.Select(e => e.Id).ShouldBeUnique();
        seen.Select(e => e.Id).ShouldBe(seen.Select(e => e.Id).Order());
        seen.Where(e => e.What == ReadAccessWhat.Stream).Select(e => e.Purpose).ShouldBe(purposes);
        seen.Count(e => e.What == ReadAccessWhat.AccessLog).ShouldBe(pages - 1);
        pages.ShouldBe(3);
    }

    [Fact]
    public async Task Queries_filter_by_organization_and_time_range()
    {
        var shelter = ReadAccessFixture.NewOrganizationId();
        var police = ReadAccessFixture.NewOrganizationId();
        var (caseA, caseB) = (ReadAccessFixture.NewStreamId(), ReadAccessFixture.NewStreamId());
        await Log.RecordAsync(caseA, Caseworker with { OrganizationId = shelter }, "early", null);
        await Task.Delay(10);
        await Log.RecordAsync(caseB, Caseworker with { OrganizationId = shelter }, "middle", null);
        await Log.RecordAsync(caseA, Caseworker with { OrganizationId = police }, "other organization", null);
        await Task.Delay(10);
        await Log.RecordAsync(caseA, Caseworker with { OrganizationId = shelter }, "late", null);

        var shelters = (await AuditAsync(new ReadAccessQuery(ReaderOrganizationId: shelter))).Entries;
        shelters.Select(e => e.Purpose).ShouldBe(["early", "middle", "late"]);
        shelters.Select(e => e.StreamId).ShouldBe([caseA, caseB, caseA]);

        var (early, middle, late) = (shelters[0].ReadAt, shelters[1].ReadAt, shelters[2].ReadAt);
        var from = await AuditAsync(new ReadAccessQuery(ReaderOrganizationId: shelter, From: middle));
        from.Entries.Select(e => e.Purpose).ShouldBe(["middle", "late"]);
        var until = await AuditAsync(new ReadAccessQuery(ReaderOrganizationId: shelter, Until: late));
        until.Entries.Select(e => e.Purpose).ShouldBe(["early", "middle"]);
        // From is inclusive, Until exclusive; an offset other than UTC means the same instant.
        var between = await AuditAsync(new ReadAccessQuery(ReaderOrganizationId: shelter, From: middle.ToOffset(TimeSpan.FromHours(2)), Until: late));
        between.Entries.Select(e => e.Purpose).ShouldBe(["middle"]);
        var caseAOfShelter = await AuditAsync(new ReadAccessQuery(StreamId: caseA, ReaderOrganizationId: shelter, Until: late));
        caseAOfShelter.Entries.Select(e => e.Purpose).ShouldBe(["early"]);
        early.ShouldBeLessThan(middle);
    }

    [Fact]
    public async Task A_query_is_recorded_and_shown_by_the_next_query_but_not_in_its_own_results()
    {
        var stream = ReadAccessFixture.NewStreamId();
        await Log.RecordAsync(stream, Caseworker, "case handling", null);

        var first = await AuditAsync(new ReadAccessQuery(StreamId: stream), "complaint 42 review", "corr-audit-1");
        var second = await AuditAsync(new ReadAccessQuery(StreamId: stream), "complaint 42 review", "corr-audit-2");

        first.Entries.Select(e => e.What).ShouldBe([ReadAccessWhat.Stream]);
        second.Entries.Count.ShouldBe(2);
        var recordedQuery = second.Entries[1];
        recordedQuery.What.ShouldBe(ReadAccessWhat.AccessLog);
        recordedQuery.StreamId.ShouldBe(stream);
        recordedQuery.Reader.ShouldBe(Auditor);
        recordedQuery.Purpose.ShouldBe("complaint 42 review");
        recordedQuery.CorrelationId.ShouldBe("corr-audit-1");
        (await fixture.CountAsync(stream)).ShouldBe(3);
    }

    [Fact]
    public async Task A_query_across_streams_is_recorded_under_the_all_streams_marker()
    {
        var auditors = ReadAccessFixture.NewOrganizationId();
        var auditor = Auditor with { OrganizationId = auditors };

        var across = await Log.QueryAsync(new ReadAccessQuery(ReaderOrganizationId: auditors), auditor, "organization audit", null);
        var recorded = await Log.QueryAsync(new ReadAccessQuery(ReaderOrganizationId: auditors), auditor, "organization audit", null);

        across.Entries.ShouldBeEmpty();
        var entry = recorded.Entries.ShouldHaveSingleItem();
        entry.StreamId.ShouldBe(ReadAccessLog.AllStreams);
        entry.What.ShouldBe(ReadAccessWhat.AccessLog);
        entry.Reader.ShouldBe(auditor);
    }

    [Fact]
    public async Task Recording_refuses_a_missing_or_overlong_purpose_and_a_missing_stream_or_reader()
    {
        var stream = ReadAccessFixture.NewStreamId();

        await Should.ThrowAsync<ArgumentException>(() => Log.RecordAsync(stream, Caseworker, "", null));
        await Should.ThrowAsync<ArgumentException>(() => Log.RecordAsync(stream, Caseworker, "   ", null));
        await Should.ThrowAsync<ArgumentException>(() => Log.RecordAsync(stream, Caseworker, new string('p', ReadAccessLog.MaxPurposeLength + 1), null));
        await Should.ThrowAsync<ArgumentException>(() => Log.RecordAsync("", Caseworker, "case handling", null));
        await Should.ThrowAsync<ArgumentException>(() => Log.RecordAsync(ReadAccessLog.AllStreams, Caseworker, "case handling", null));
        await Should.ThrowAsync<ArgumentException>(() => Log.RecordAsync(stream, Caseworker with { ClientId = " " }, "case handling", null));
        await Log.RecordAsync(stream, Caseworker, new string('p', ReadAccessLog.MaxPurposeLength), null);

        (await fixture.CountAsync(stream)).ShouldBe(1);
    }

    [Fact]
    public async Task Querying_refuses_a_bad_limit_range_cursor_or_purpose_and_records_nothing()
    {
        var stream = ReadAccessFixture.NewStreamId();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => AuditAsync(new ReadAccessQuery(StreamId: stream, Limit: 0)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => AuditAsync(new ReadAccessQuery(StreamId: stream, Limit: 5000)));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => AuditAsync(new ReadAccessQuery(StreamId: stream, After: -1)));
        var now = DateTimeOffset.UtcNow;
        await Should.ThrowAsync<ArgumentException>(() => AuditAsync(new ReadAccessQuery(StreamId: stream, From: now, Until: now)));
        await Should.ThrowAsync<ArgumentException>(() => AuditAsync(new ReadAccessQuery(StreamId: stream), purpose: ""));
        await Should.ThrowAsync<ArgumentException>(() => AuditAsync(new ReadAccessQuery(StreamId: ReadAccessLog.AllStreams)));
        (await AuditAsync(new ReadAccessQuery(StreamId: stream, Limit: ReadAccessQuery.MaxLimit))).Entries.ShouldBeEmpty();

        (await fixture.CountAsync(stream)).ShouldBe(1);
    }

    [Fact]
    public async Task A_read_recorded_in_a_transaction_that_rolls_back_leaves_no_entry()
    {
        var (rolledBack, committed) = (ReadAccessFixture.NewStreamId(), ReadAccessFixture.NewStreamId());
        await using var connection = await fixture.DataSource.OpenConnectionAsync();

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ReadAccessLog.RecordAsync(connection, rolledBack, Caseworker, "case handling", null);
            await transaction.RollbackAsync();
        }
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ReadAccessLog.RecordAsync(connection, committed, Caseworker, "case handling", null);
            await transaction.CommitAsync();
        }

        (await fixture.CountAsync(rolledBack)).ShouldBe(0);
        (await fixture.CountAsync(committed)).ShouldBe(1);
    }
}
