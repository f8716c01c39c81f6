using Gateway;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// The edge validates tokens the way every service does (Auth:Authority is identity's own address).
builder.AddPlatformAccess();
builder.AddEdgeRateLimits();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestSizeLimit.MaxBytes(builder.Configuration));
builder.Services.AddHttpClient();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddConfigFilter<ActiveHealthChecks>()
    .AddTransforms(EdgeAccess.Add);

var app = builder.Build();
app.UseServiceDefaults();
app.UseMiddleware<RequestSizeLimit>();
app.UseRateLimiter();
app.UsePlatformSwaggerUi();
app.MapMergedOpenApi();
app.MapReverseProxy().ApplyEdgeAccess();

app.Run();
