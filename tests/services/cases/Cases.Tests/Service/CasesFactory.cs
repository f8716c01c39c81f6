using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Platform.EventStore.Integrity;
using Platform.Testing;

namespace Cases.Tests.Service;

/// <summary>
/// Cases in process against its own PostgreSQL database and RabbitMQ virtual host, with event
/// store keys of its own and tokens signed by a key it trusts (as if from identity's JWKS).
/// </summary>
public sealed class CasesFactory : ServiceFactory<Program>
{
    private const string Issuer = "https://identity.test";
    private readonly ECDsaSecurityKey key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "cases-tests" };

    public string SigningKey { get; } = CheckpointKeys.NewSigningKey();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("EventStore:MasterKeys:Current", "m1");
        builder.UseSetting("EventStore:MasterKeys:Keys:m1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("EventStore:Integrity:SigningKey", SigningKey);
        builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer, SigningKeys = { key } }));
    }

    /// <summary>A client of the organization, ready (migrated, broker connected), sending <paramref name="token"/>.</summary>
    public async Task<HttpClient> ClientAsync(string token)
    {
        var client = CreateClient();
        (await client.WaitForReadinessAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public string Token(Guid organizationId, string clientId, string role, IReadOnlyList<Guid>? audits = null)
    {
        var descriptor = ForgedTokens.Template(key, Issuer, "cases", organizationId.ToString());
        descriptor.Claims["client_id"] = clientId;
        descriptor.Claims["sub"] = clientId;
        descriptor.Claims["org_kind"] = role == "auditor" ? "auditor" : "school";
        descriptor.Claims["roles"] = new[] { role };
        descriptor.Claims["on_behalf_of"] = $"staff-of-{clientId}";
        if (audits is not null)
        {
            descriptor.Claims["audits"] = audits.Select(id => id.ToString()).ToArray();
        }
        return ForgedTokens.Sign(descriptor);
    }

    public IBus Bus => Services.GetRequiredService<IBus>();

    public async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }
        await command.ExecuteNonQueryAsync();
    }
}
