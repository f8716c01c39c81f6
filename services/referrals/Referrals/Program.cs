using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;
using Referrals.Directory;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddServiceDatabase();
builder.AddServiceBus();
builder.AddDirectory();

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceRoot("/api/referrals", Scopes.Referrals);
app.MapDirectory();

app.Run();
