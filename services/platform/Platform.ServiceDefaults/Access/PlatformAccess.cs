using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Token validation, scope and role authorization and the organization rule, for a service that
/// serves an API. Call after <c>AddServiceDefaults</c>; <c>UseServiceDefaults</c> then adds the
/// middleware, including the guard that refuses to run an endpoint declaring no access policy.
/// </summary>
public static class PlatformAccess
{
    /// <summary>The audience of every platform access token: one API behind one gateway.</summary>
    public const string DefaultAudience = "platform-api";

    /// <summary>Algorithms a token may be signed with (RFC 8725): asymmetric only, never <c>none</c>, never HMAC.</summary>
    public static readonly IReadOnlyList<string> Algorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];

    /// <summary>
    /// Tokens are validated by OpenID discovery: <c>Auth:Authority</c> (the issuer's base address;
    /// services use identity's own address, not the gateway's) or <c>Auth:MetadataAddress</c>, and
    /// <c>Auth:Audience</c> (default <see cref="DefaultAudience"/>). Any OIDC provider can replace
    /// identity by configuration alone.
    /// </summary>
    public static WebApplicationBuilder AddPlatformAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlatformAccessEnabled>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration>(Configure)
            .PostConfigure<TimeProvider>((options, time) =>
            {
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new ValidatedTokens(time));
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAccessGrants<AuditorAssignments>();
        builder.Services.AddPlatformOpenApi();
        return builder;
    }

    private static void Configure(JwtBearerOptions options, IConfiguration configuration)
    {
        var auth = configuration.GetSection("Auth");
        options.Authority = auth["Authority"];
        options.MetadataAddress = auth["MetadataAddress"] ?? "";
        options.Audience = auth["Audience"] ?? DefaultAudience;
        // Plain http only to an issuer on this machine (./platform up, tests); anywhere else https.
        options.RequireHttpsMetadata = !IsLoopback(options.MetadataAddress is { Length: > 0 } metadata ? metadata : options.Authority);
        options.MapInboundClaims = false;
        // An unknown kid (a rotated key) refetches the JWKS at most this often.
        options.RefreshInterval = TimeSpan.FromSeconds(30);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = auth["Issuer"],
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = Algorithms,
            ValidTypes = ["at+jwt"],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = PlatformClaims.ClientId,
            RoleClaimType = PlatformClaims.Roles,
        };
    }

    private static bool IsLoopback(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>Marks an app that called <see cref="AddPlatformAccess"/>, so <c>UseServiceDefaults</c> adds its middleware.</summary>
    internal sealed class PlatformAccessEnabled;

    internal static bool Enabled(IServiceProvider services) => services.GetService<PlatformAccessEnabled>() is not null;
}
