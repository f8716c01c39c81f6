using Identity.Organizations;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase();
builder.AddServiceBus();
builder.AddOrganizationsSchema();
builder.Services.AddHostedService<SeedingDemoOrganizations>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceRoot("/api/identity");

app.Run();
