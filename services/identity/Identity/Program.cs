using Identity.Clients;
using Identity.Discovery;
using Identity.Organizations;
using Identity.SigningKeys;
using Identity.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddServiceDatabase();
builder.AddServiceBus();
builder.AddOrganizationsSchema();
builder.AddSigningKeysSchema();
builder.Services.AddOptions<TokenSettings>().BindConfiguration("Identity")
    .Validate(settings => Uri.IsWellFormedUriString(settings.Issuer, UriKind.Absolute), "Identity:Issuer must be an absolute URI.")
    .ValidateOnStart();
builder.Services.AddSingleton<KeyWrapping>();
builder.Services.AddSingleton<SigningKeyStore>();
builder.Services.AddSingleton<AccessTokens>();
builder.Services.AddSingleton<OwnKeysConfiguration>();
builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
    .Configure<OwnKeysConfiguration>((options, keys) => options.ConfigurationManager = keys);
builder.Services.AddResourceOwners<OrganizationOwners>();
builder.Services.AddHostedService<SeedingDemoOrganizations>();

var app = builder.Build();
// Discovery builds its addresses from the one the caller used, through the gateway too.
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto });
app.UseServiceDefaults();
app.MapServiceRoot("/api/identity", Scopes.Identity);
app.MapTokenEndpoint();
app.MapDiscovery();
app.MapOrganizationsApi();
app.MapClientsApi();
app.MapSigningKeysApi();

app.Run();
