using Dapper;
using Notifications.Endpoints;
using Notifications.Notifying;
using Npgsql;

namespace Notifications.Delivering;

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

    /// <summary>Claims up to <paramref name="batchSize"/> due deliveries, with their endpoints' active secrets, in one statement.</summary>
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
                for update of d skip locked),
            secrets as (
                select s.endpoint_id, array_agg(s.id order by s.created_at desc, s.id) as ids, array_agg(s.sealed order by s.created_at desc, s.id) as sealed
                from endpoint_secrets s
                where s.endpoint_id in (select d.endpoint_id from deliveries d join due on due.id = d.id)
                  and (s.expires_at is null or s.expires_at > @now)
                group by s.endpoint_id)
            update deliveries d set lease_until = @leaseUntil
            from due, endpoints e left join secrets s on s.endpoint_id = e.id, notifications n
            where d.id = due.id and e.id = d.endpoint_id and n.id = d.notification_id
            returning d.id as "Id", d.endpoint_id as "EndpointId", e.organization_id as "OrganizationId", d.notification_id as "NotificationId",
                e.url as "Url", n.body as "Body", d.attempts as "Attempts", d.window_started_at as "WindowStartedAt",
                coalesce(s.ids, array[]::uuid[]) as "SecretIds", coalesce(s.sealed, array[]::bytea[]) as "SealedSecrets"
            """, new { now, leaseUntil = now + lease, batchSize }, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        // Opened once per endpoint of the batch, not per delivery.
        foreach (var endpoint in claimed.GroupBy(delivery => delivery.EndpointId))
        {
            var first = endpoint.First();
            var secrets = first.SecretIds.Select((id, i) => protector.Open(endpoint.Key, id, first.SealedSecrets[i])).ToList();
            foreach (var delivery in endpoint)
            {
                delivery.Secrets = secrets;
            }
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
    /// Records ended attempts and their consequences in one transaction: the log lines, the deliveries'
    /// new states, and each endpoint's failing streak (ended by its latest attempt succeeding; past the
    /// limit without a success, the endpoint is disabled and its organization told).
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<EndedAttempt> attempts, TimeSpan disableAfter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var latestPerEndpoint = attempts.GroupBy(attempt => attempt.Delivery.EndpointId).Select(endpoint => endpoint.MaxBy(attempt => attempt.At)!).ToList();
        var failed = latestPerEndpoint.Where(attempt => !attempt.Outcome.Delivered).ToList();
        // One round trip for the whole batch; a column per field, since Npgsql sends arrays, not rows.
        var failing = (await connection.QueryAsync<(Guid EndpointId, DateTime FailingSince)>(new CommandDefinition($"""
            {NoFlushWait}
            insert into delivery_attempts (delivery_id, attempted_at, status_code, latency_ms, outcome)
            select id, at, nullif(status_code, 0), latency_ms, outcome
            from unnest(@ids, @ats, @statusCodes, @latencies, @outcomes) as a(id, at, status_code, latency_ms, outcome)
            order by at;
            update deliveries d set status = a.status, attempts = d.attempts + 1, lease_until = null,
                next_attempt_at = case when a.status = 'pending' then a.next_attempt_at else d.next_attempt_at end,
                completed_at = case when a.status = 'pending' then null else a.at end
            from unnest(@ids, @statuses, @nextAttemptAts, @ats) as a(id, status, next_attempt_at, at)
            where d.id = a.id and d.status = 'pending';
            update endpoints set failing_since = null where id = any(@succeeding) and failing_since is not null;
            update endpoints e set failing_since = coalesce(e.failing_since, f.at)
            from unnest(@failing, @failedAts) as f(id, at)
            where e.id = f.id
            returning e.id, e.failing_since;
            """, new
        {
            ids = attempts.Select(attempt => attempt.Delivery.Id).ToArray(),
            ats = attempts.Select(attempt => attempt.At).ToArray(),
            statusCodes = attempts.Select(attempt => attempt.Outcome.StatusCode ?? 0).ToArray(),
            latencies = attempts.Select(attempt => attempt.Outcome.LatencyMs).ToArray(),
            outcomes = attempts.Select(attempt => attempt.Outcome.Outcome).ToArray(),
            statuses = attempts.Select(attempt => attempt.Retry switch { null => "delivered", RetryDecision.RetryAt => "pending", _ => "dead" }).ToArray(),
            nextAttemptAts = attempts.Select(attempt => attempt.Retry is RetryDecision.RetryAt retry ? retry.When : attempt.At).ToArray(),
            succeeding = latestPerEndpoint.Where(attempt => attempt.Outcome.Delivered).Select(attempt => attempt.Delivery.EndpointId).ToArray(),
            failing = failed.Select(attempt => attempt.Delivery.EndpointId).ToArray(),
            failedAts = failed.Select(attempt => attempt.At).ToArray(),
        }, transaction, cancellationToken: cancellationToken))).ToList();

        foreach (var (endpointId, failingSince) in failing)
        {
            var latest = failed.First(attempt => attempt.Delivery.EndpointId == endpointId);
            if (latest.At - Utc(failingSince) >= disableAfter)
            {
                await DisableAsync(connection, transaction, latest.Delivery, Utc(failingSince), latest.At, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
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
