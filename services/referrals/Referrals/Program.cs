using Platform.EventStore;
using Platform.Messaging;
using Platform.Messaging.Forwarding;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;
using Referrals;
using Referrals.Consents;
using Referrals.Consents.Erasing;
using Referrals.Directory;
using Referrals.KnownCases;
using Referrals.Referring;
using Referrals.Sweeping;
using Referrals.Testing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddServiceDatabase();
builder.AddEventStore(types => ReferralEventTypes.Register(types))
    .AddInlineProjection<ReferralsProjection>()
    .AddEventForwarder(map => map.PublishReferralEvents());
builder.AddSchemaMigration(ReferralsSchema.Migration.Id, ReferralsSchema.Migration.Sql);
builder.AddSchemaMigration(CaseOrganizations.Migration.Id, CaseOrganizations.Migration.Sql);
builder.AddSchemaMigration(ReferralsSchema.HeldCopies.Id, ReferralsSchema.HeldCopies.Sql);
builder.AddSchemaMigration(EndSharingOnCaseSubjectErased.Migration.Id, EndSharingOnCaseSubjectErased.Migration.Sql);
builder.AddServiceBus(bus => bus.AddCaseEventConsumers());
builder.AddDirectory();
builder.Services.Configure<ReferralsOptions>(builder.Configuration.GetSection("Referrals"));
builder.Services.AddResourceOwners<ConsentOwners>();
builder.Services.AddResourceOwners<ReferralOwners>();
builder.Services.AddAccessGrants<RecipientGrants>();
builder.Services.AddSingleton<ReferralSweeper>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<ReferralSweeper>());
var movableClock = MovableClock.Enabled(builder);
if (movableClock)
{
    MovableClock.AddTo(builder);
}
builder.Services.AddProblemMapping<ReferralRuleViolationException>((violation, _) =>
    new Problem(violation.Status, violation.Kind switch
    {
        RuleViolationKind.NotFound => "Not found.",
        RuleViolationKind.Conflict => "The referral's or consent's state does not allow this.",
        _ => "The request breaks a rule of referrals.",
    }, violation.Message));

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceRoot("/api/referrals", Scopes.Referrals);
app.MapDirectory();
app.MapConsents();
app.MapReferrals();
if (movableClock)
{
    MovableClock.MapTo(app);
}

app.Run();
