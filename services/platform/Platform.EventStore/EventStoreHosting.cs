using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.EventStore.Appending;
using Platform.EventStore.Integrity;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;
using Platform.EventStore.ReadAccess;
using Platform.EventStore.Subscriptions;
using Platform.EventStore.Types;
using Platform.ServiceDefaults;

namespace Platform.EventStore;

public static class EventStoreHosting
{
    /// <summary>
    /// The event store in this service's database (<see cref="ServiceDatabase.AddServiceDatabase"/>):
    /// its schema, the store, the log watcher, and the subscriptions and projections added to the
    /// returned builder. Subscriptions are healthy unless parked (then <c>/health/ready</c> says which).
    /// </summary>
    public static EventStoreBuilder AddEventStore(this IHostApplicationBuilder builder, Action<EventTypeRegistry> registerTypes)
    {
        foreach (var migration in EventStoreSchema.Migrations)
        {
            builder.AddSchemaMigration(migration.Id, migration.Sql);
        }
        var types = new EventTypeRegistry();
        registerTypes(types);
        builder.Services.AddSingleton(types);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(provider => new SubjectKeys(
            provider.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            builder.Configuration.GetSection("EventStore:MasterKeys").Exists()
                ? MasterKeyRing.FromConfiguration(builder.Configuration.GetSection("EventStore:MasterKeys"))
                : null));
        builder.Services.AddSingleton<ReadAccessLog>();
        builder.Services.AddSingleton(_ => CheckpointKeys.FromConfiguration(builder.Configuration.GetSection("EventStore:Integrity")));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["EventStore:Integrity:SigningKey"]))
        {
            builder.Services.AddHostedService<CheckpointWriter>();
        }
        builder.Services.AddSingleton<LogWatcher>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<LogWatcher>());
        builder.Services.AddSingleton<EventStore>();
        builder.Services.AddSingleton<SubscriptionControl>();
        builder.Services.AddSingleton<ProjectionRebuilder>();
        builder.Services.AddSingleton<SubscriptionHost>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SubscriptionHost>());
        builder.Services.AddHealthChecks().AddCheck<SubscriptionHealthCheck>("subscriptions", tags: ["ready"]);
        // A client that sent If-Match had its precondition fail (412); one that did not lost a race (409).
        builder.Services.AddProblemMapping<WrongExpectedVersionException>((conflict, http) =>
            http.Request.Headers.IfMatch.Count > 0
                ? new Problem(StatusCodes.Status412PreconditionFailed, "The resource has changed.",
                    $"It is at version {conflict.ActualVersion}; read it again and retry with its current ETag.")
                : new Problem(StatusCodes.Status409Conflict, "The resource was changed concurrently.",
                    $"It is now at version {conflict.ActualVersion}; read it again and retry."));
        builder.Services.AddProblemMapping<SubjectErasedException>((_, _) =>
            new Problem(StatusCodes.Status409Conflict, "A person in this change has been erased.",
                "Their personal data was erased (on a recorded ground) and cannot be recorded again."));
        builder.Services.AddProblemMapping<DuplicateEventIdException>((_, _) =>
            new Problem(StatusCodes.Status409Conflict, "The request reuses ids of other changes.",
                "Some event ids of this change were already used by a different change."));
        return new EventStoreBuilder(builder.Services);
    }
}

public sealed class EventStoreBuilder(IServiceCollection services)
{
    public IServiceCollection Services => services;

    public EventStoreBuilder AddInlineProjection<TProjection>() where TProjection : class, IInlineProjection
    {
        services.AddSingleton<IInlineProjection, TProjection>();
        return this;
    }

    public EventStoreBuilder AddProjection<TProjection>() where TProjection : class, IProjection
    {
        services.AddSingleton<IProjection, TProjection>();
        return this;
    }

    public EventStoreBuilder AddSubscription<THandler>(SubscriptionOptions options) where THandler : class, ISubscriptionHandler
    {
        services.AddSingleton(new SubscriptionRegistration(options, provider => ActivatorUtilities.CreateInstance<THandler>(provider)));
        return this;
    }
}
