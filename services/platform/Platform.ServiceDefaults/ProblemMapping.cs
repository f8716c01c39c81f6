using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>The problem a known exception stands for: its status, a stable title and a detail safe to show.</summary>
public sealed record Problem(int Status, string Title, string Detail);

/// <summary>
/// Turns one exception type into a problem response. Libraries register mappings for the
/// exceptions that mean a client error (a concurrency conflict, a broken rule), so handlers can
/// throw them and every service answers them the same way.
/// </summary>
public sealed record ProblemMapping(Type ExceptionType, Func<Exception, HttpContext, Problem> Map);

public static class ProblemMappings
{
    public static IServiceCollection AddProblemMapping<TException>(
        this IServiceCollection services, Func<TException, HttpContext, Problem> map) where TException : Exception =>
        services.AddSingleton(new ProblemMapping(typeof(TException), (exception, context) => map((TException)exception, context)));
}
