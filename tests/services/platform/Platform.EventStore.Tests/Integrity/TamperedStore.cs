using Platform.EventStore.Appending;
using Platform.EventStore.Integrity;

namespace Platform.EventStore.Tests.Integrity;

/// <summary>
/// A store of its own per test, with two streams written through every append path (single,
/// batch, any-version, a caller's transaction) and a signed checkpoint, for tampering with by SQL.
/// </summary>
public sealed class TamperedStore : IAsyncLifetime
{
    public StoreFixture Fixture { get; } = new();

    public string Stream { get; } = StoreFixture.NewStreamId();

    public string Other { get; } = StoreFixture.NewStreamId();

    public string SigningKey { get; } = CheckpointKeys.NewSigningKey();

    public CheckpointKeys Keys { get; }

    public TamperedStore() => Keys = new CheckpointKeys(SigningKey, []);

    /// <summary>Runs <paramref name="test"/> on a store of its own, deleted afterwards.</summary>
    public static async Task WithStoreAsync(Func<TamperedStore, Task> test)
    {
        var store = new TamperedStore();
        try
        {
            await store.InitializeAsync();
            await test(store);
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    public async Task InitializeAsync()
    {
        await Fixture.InitializeAsync();
        var thing = Guid.NewGuid();
        await Fixture.AppendAsync(Stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1));
        await Fixture.AppendAsync(Stream, ExpectedVersion.Exactly(1), new ThingHappened(thing, 2), new ThingRenamed(thing, "Ada", "me"), new ThingHappened(thing, 4));
        await Fixture.AppendAsync(Stream, ExpectedVersion.Any, new ThingClosed(thing, "done"));
        await Fixture.AppendAsync(Other, ExpectedVersion.NoStream, new ThingHappened(thing, 9));
        await Fixture.Store.InTransactionAsync((transaction, token) => transaction.AppendAsync(
            Other, ExpectedVersion.Exactly(1), [EventToAppend.New(new ThingHappened(thing, 10)), EventToAppend.New(new ThingHappened(thing, 11))],
            TestEvents.Metadata(), token));
        (await CheckpointAsync()).ShouldNotBeNull();
    }

    public Task<Checkpoint> CheckpointAsync(CheckpointKeys? keys = null) => Fixture.CheckpointAsync(keys ?? Keys);

    public Task<VerificationReport> VerifyAsync(CheckpointKeys? keys = null) => IntegrityVerifier.VerifyAsync(Fixture.DataSource, keys ?? Keys);

    /// <summary>Runs SQL behind the store's back; <c>{stream}</c> and <c>{other}</c> name the two streams.</summary>
    public Task TamperAsync(string sql) => Fixture.ScalarAsync(
        sql.Replace("{stream}", Stream, StringComparison.Ordinal).Replace("{other}", Other, StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        Keys.Dispose();
        await Fixture.DisposeAsync();
    }
}
