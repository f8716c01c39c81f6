using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.EventStore.Appending;
using Platform.EventStore.Integrity;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;
using Platform.EventStore.Subscriptions;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.EventStore.Tests;

/// <summary>A fresh database with the store's schema, a running log watcher and a store on it.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public LogWatcher Watcher { get; private set; } = null!;

    public EventStore Store { get; private set; } = null!;

    /// <summary>The fixture's own master key "k1": 32 random bytes.</summary>
    public byte[] MasterKey { get; } = RandomNumberGenerator.GetBytes(MasterKeyRing.KeySize);

    public MasterKeyRing MasterKeys => new("k1", new Dictionary<string, byte[]> { ["k1"] = MasterKey });

    public SubjectKeys SubjectKeys { get; private set; } = null!;

    public string ConnectionString => database!.ConnectionString;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("eventstore");
        // As the services' data sources: no reset on close, so session state left behind would show (see SessionState).
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 60, NoResetOnClose = true }.ConnectionString);
        await SchemaMigrations.ApplyAsync(DataSource, EventStoreSchema.Migrations, CancellationToken.None);
        SubjectKeys = new SubjectKeys(DataSource, MasterKeys);
        Watcher = NewWatcher(DataSource, SubjectKeys);
        await Watcher.StartAsync(CancellationToken.None);
        Store = NewStore();
    }

    public EventStore NewStore(params IInlineProjection[] inline) => new(DataSource, TestEvents.Registry(), Watcher, inline, SubjectKeys);

    /// <summary>
    /// A service on this fixture's database, in memory, as Program.cs builds one: the service
    /// defaults and the event store with <paramref name="configure"/>'s additions. Not started.
    /// </summary>
    public WebApplication NewServiceHost(Action<EventStoreBuilder>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:Postgres"] = ConnectionString;
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddServiceDatabase();
        var store = builder.AddEventStore(types => types.Register<ThingHappened>("tests.thing-happened.v1").Register<PersonReported>("tests.person-reported.v1"));
        configure?.Invoke(store);
        var app = builder.Build();
        app.UseServiceDefaults();
        return app;
    }

    public static LogWatcher NewWatcher(NpgsqlDataSource dataSource, SubjectKeys? keys = null) => new(dataSource, NullLogger<LogWatcher>.Instance, keys);

    public Subscription NewSubscription(SubscriptionOptions options, ISubscriptionHandler handler, EventStore? store = null, LogWatcher? watcher = null) =>
        new(store ?? Store, watcher ?? Watcher, options, handler, NullLogger<Subscription>.Instance, TimeProvider.System);

    public static string NewStreamId() => $"thing-{Guid.CreateVersion7()}";

    public Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, params object[] events) =>
        Store.AppendAsync(streamId, expected, [.. events.Select(EventToAppend.New)], TestEvents.Metadata());

    /// <summary>
    /// A checkpoint covering every event so far. A checkpoint only covers transactions below the
    /// cluster-wide horizon, which other specs' open transactions may hold back for a moment.
    /// </summary>
    public async Task<Checkpoint> CheckpointAsync(CheckpointKeys keys)
    {
        // Wait for the horizon first, so one checkpoint covers everything (specs name it).
        while (await ScalarAsync("select count(*) from events where transaction_id >= pg_snapshot_xmin(pg_current_snapshot())") > 0)
        {
            await Task.Delay(10);
        }
        var events = await ScalarAsync("select count(*) from events");
        var checkpoint = await Checkpoints.TakeAsync(DataSource, keys, TimeProvider.System);
        checkpoint.ShouldNotBeNull().EventCount.ShouldBe(events);
        return checkpoint;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        await Watcher.StopAsync(CancellationToken.None);
        Watcher.Dispose();
        await DataSource.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
