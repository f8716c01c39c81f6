using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Records each log entry with the scope values that were active when it was written.</summary>
internal sealed class CapturedLogs
{
    public ConcurrentQueue<(string Category, string Message, IReadOnlyDictionary<string, object?> Scope)> Entries { get; } = new();

    /// <summary>A provider writing into these entries; the host's logger factory owns and disposes it.</summary>
    public ILoggerProvider Provider() => new CapturingProvider(this);

    private sealed class CapturingProvider(CapturedLogs owner) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this, owner, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        internal IExternalScopeProvider Scopes => scopes;
    }

    private sealed class Logger(CapturingProvider provider, CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.Scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            provider.Scopes.ForEachScope(
                (scope, collected) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            collected[key] = value;
                        }
                    }
                },
                values);
            owner.Entries.Enqueue((category, formatter(state, exception), values));
        }
    }
}
