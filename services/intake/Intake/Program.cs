using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddServiceDatabase();
builder.AddServiceBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceRoot("/api/intake", Scopes.Intake);

app.Run();
