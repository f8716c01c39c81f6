namespace Platform.Audit;

/// <summary>The command and its options, as configuration keys the environment could also set.</summary>
internal static class AuditArguments
{
    public const string Usage = """
        usage: platform-audit <verify|checkpoint|rewrap> [--connection <connection string>] [--stream <id>] [--trusted-key <key>]...

          verify      Recompute every stream's hash chain and check every signed checkpoint (or one
                      stream with --stream). Exit 0 when intact, 1 naming each broken stream and version.
          checkpoint  Sign a checkpoint of everything committed since the last one (needs the signing key).
          rewrap      Rewrap every data key with the current master key after a rotation (events are not touched).

        Settings also come from the environment, as the services read them: ConnectionStrings__Postgres,
        EventStore__Integrity__SigningKey, EventStore__Integrity__TrustedKeys__0.., EventStore__MasterKeys__Current,
        EventStore__MasterKeys__Keys__<id>.
        """;

    public static (string? Command, Dictionary<string, string?> Options) Parse(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (args.Length == 0 || args[0] is not ("verify" or "checkpoint" or "rewrap"))
        {
            return (null, options);
        }
        var trusted = 100; // after any TrustedKeys__N the environment sets
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            string? key = args[i] switch
            {
                "--connection" => "ConnectionStrings:Postgres",
                "--stream" => "stream",
                "--signing-key" => "EventStore:Integrity:SigningKey",
                "--trusted-key" => $"EventStore:Integrity:TrustedKeys:{trusted++}",
                _ => null,
            };
            if (key is null || value is null)
            {
                return (null, options);
            }
            options[key] = value;
            i++;
        }
        return (args[0], options);
    }
}
