using Dapper;
using Notifications.Endpoints;
using Notifications.Notifying;
using Npgsql;

namespace Notifications.Delivering;

/// <summary>A delivery a worker holds under lease: where to, what, and with which secrets.</summary>
public sealed class ClaimedDelivery
{
    public Guid Id { get; init; }
    public Guid EndpointId { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid NotificationId { get; init; }
    public string Url { get; init; } = "";
    public string Body { get; init; } = "";
    public int Attempts { get; init; }
    public DateTime WindowStartedAt { get; init; }
    public IReadOnlyList<string> Secrets { get; set; } = [];
}

/// <summary>
/// The deliveries table as the worker uses it. Claims take due rows with FOR UPDATE SKIP LOCKED
/// and stamp a lease, so instances never send the same delivery at once, and a crashed instance's
/// claims come due again when its lease runs out (at least once, never lost).
/// </summary>
public sealed class DeliveryStore(NpgsqlDataSource dataSource, SecretProtector protector)
{
    // Claims and attempt records need not wait for the WAL flush: lost in a database crash, they only
    // mean a delivery is sent again with the same webhook id (at least once). Recording a notification
    // does wait, since the broker forgets the message once it is acknowledged.
    private const string NoFlushWait = "set local synchronous_commit = off;";

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = (await connection.QueryAsync<ClaimedDelivery>(new CommandDefinition($"""
            {NoFlushWait}
            with due as (
                select d.id from deliveries d join endpoints e on e.id = d.endpoint_id
                where d.status = 'pending' and e.status = 'active' and d.next_attempt_at <= @now
                  and (d.lease_until is null or d.lease_until <= @now)
                order by d.urgent desc, d.next_attempt_at
                limit @batchSize
                for update of d skip locked)
            update deliveries d set lease_until = @leaseUntil
            from due, endpoints e, notifications n
            where d.id = due.id and e.id = d.endpoint_id and n.id = d.notification_id
            returning d.id as "Id", d.endpoint_id as "EndpointId", e.organization_id as "OrganizationId", d.notification_id as "NotificationId",
                e.url as "Url", n.body as "Body", d.attempts as "Attempts", d.window_started_at as "WindowStartedAt"
            """, new { now, leaseUntil = now + lease, batchSize }, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return claimed;
        }
        var endpointIds = claimed.Select(delivery => delivery.EndpointId).Distinct().ToArray();
        var secrets = (await connection.QueryAsync<SealedSecret>(new CommandDefinition("""
            select id as "Id", endpoint_id as "EndpointId", sealed as "Sealed" from endpoint_secrets
            where endpoint_id = any(@endpointIds) and (expires_at is null or expires_at > @now)
            order by created_at desc
            """, new { endpointIds, now }, cancellationToken: cancellationToken)))
            .GroupBy(secret => secret.EndpointId)
            .ToDictionary(group => group.Key, group => group.Select(secret => protector.Open(secret.EndpointId, secret.Id, secret.Sealed)).ToList());
        foreach (var delivery in claimed)
        {
            delivery.Secrets = secrets.GetValueOrDefault(delivery.EndpointId) ?? [];
        }
        return claimed;
    }

    /// <summary>The earliest time anything pending comes due, for the worker's sleep.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var due = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            select min(greatest(d.next_attempt_at, coalesce(d.lease_until, d.next_attempt_at)))
            from deliveries d join endpoints e on e.id = d.endpoint_id
            where d.status = 'pending' and e.status = 'active'
            """, cancellationToken: cancellationToken));
        return due is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
    }

    /// <summary>
    /// Records one attempt and its consequence in one transaction: the log line, the delivery's new
    /// state, and the endpoint's failing streak (disabling it, and telling its organization, past the limit).
    /// </summary>
    public async Task CompleteAsync(
        ClaimedDelivery delivery, AttemptOutcome outcome, DateTimeOffset now, RetryDecision? retry, TimeSpan disableAfter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (status, nextAttemptAt) = retry switch
        {
            null => ("delivered", (DateTimeOffset?)null),
            RetryDecision.RetryAt at => ("pending", at.When),
            _ => ("dead", null),
        };
        // One round trip: the log line and the delivery's new state (and, delivered, the end of any failing streak).
        await connection.ExecuteAsync(new CommandDefinition($"""
            {NoFlushWait}
            insert into delivery_attempts (delivery_id, attempted_at, status_code, latency_ms, outcome)
            values (@Id, @now, @statusCode, @latency, @outcomeName);
            update deliveries set status = @status, attempts = attempts + 1, lease_until = null,
                next_attempt_at = coalesce(@nextAttemptAt, next_attempt_at),
                completed_at = case when @status = 'pending' then null else @now end
            where id = @Id and status = 'pending';
            update endpoints set failing_since = null where id = @EndpointId and failing_since is not null and @delivered;
            """, new
        {
            delivery.Id,
            delivery.EndpointId,
            now,
            statusCode = outcome.StatusCode,
            latency = outcome.LatencyMs,
            outcomeName = outcome.Outcome,
            status,
            nextAttemptAt,
            delivered = outcome.Delivered,
        }, transaction, cancellationToken: cancellationToken));

        if (!outcome.Delivered)
        {
            var failingSince = Utc(await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
                "update endpoints set failing_since = coalesce(failing_since, @now) where id = @EndpointId returning failing_since",
                new { delivery.EndpointId, now }, transaction, cancellationToken: cancellationToken)));
            if (now - failingSince >= disableAfter)
            {
                await DisableAsync(connection, transaction, delivery, failingSince, now, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class SealedSecret
    {
        public Guid Id { get; init; }
        public Guid EndpointId { get; init; }
        public byte[] Sealed { get; init; } = [];
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static async Task DisableAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedDelivery delivery, DateTimeOffset failingSince, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var disabled = await connection.ExecuteAsync(new CommandDefinition(
            "update endpoints set status = 'disabled', updated_at = @now where id = @EndpointId and status = 'active'",
            new { delivery.EndpointId, now }, transaction, cancellationToken: cancellationToken));
        if (disabled == 1)
        {
            // Told through the feed (and any other endpoint of the organization that wants it).
            await NotificationRecorder.InsertAsync(connection, transaction, EndpointNotifications.Disabled(
                delivery.EndpointId, delivery.OrganizationId, failingSince, now), now, cancellationToken);
        }
    }
}
