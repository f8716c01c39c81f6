using Referrals.Consents;
using Referrals.Directory;
using Referrals.Sharing;

namespace Referrals.Referring.Requesting;

/// <summary>
/// Refers a case to another organization's service, sharing <paramref name="SharedData"/> under
/// <paramref name="ConsentId"/>. <paramref name="Service"/> is the directory's entry for
/// <paramref name="ServiceId"/> (null when the directory has none).
/// </summary>
public sealed record RequestReferral(
    Guid ReferralId,
    Guid CaseId,
    Guid ReferringOrganizationId,
    Guid RecipientOrganizationId,
    Guid ServiceId,
    Guid? ConsentId,
    SharedCaseData SharedData,
    ServiceOffering? Service,
    DateTimeOffset RespondBy,
    Guid? RerouteOf,
    string By,
    DateTimeOffset At)
{
    /// <summary>Decided against the consent the request names (<see cref="ConsentState.Initial"/> when there is none).</summary>
    public static IReadOnlyList<object> Decide(RequestReferral command, ConsentState consent)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(consent);
        if (command.ConsentId is not { } consentId)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                "A referral needs the affected person's consent, or a recorded override, naming the recipient: record one at /api/referrals/consents and send its 'consentId'.");
        }
        if (consent.Status == ConsentStatus.None || consent.Id != consentId || consent.OrganizationId != command.ReferringOrganizationId)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable, $"This organization has recorded no consent '{consentId}'.");
        }
        if (consent.CaseId != command.CaseId)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable, "The consent was given for another case.");
        }
        if (consent.RecipientOrganizationId != command.RecipientOrganizationId)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                "The consent names another recipient organization: the affected person did not agree to share with this one.");
        }
        if (consent.WhyInactiveAt(command.At) is { } inactive)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Conflict, inactive);
        }
        EnsureOffered(command);
        EnsureForPurpose(command.Service!, consent.Purpose);
        var fields = command.SharedData.HeldFields();
        if (fields.Count == 0)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable, "Share at least one field the consent covers in 'sharedData'.");
        }
        var outside = fields.Where(field => !consent.Scope.Contains(field)).ToList();
        if (outside.Count > 0)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                $"The consent does not cover {string.Join(", ", outside.Select(WireName.Of))}: it covers only {string.Join(", ", consent.Scope.Select(WireName.Of))}.");
        }
        if (command.SharedData.SubjectId != command.ReferralId)
        {
            throw new ArgumentException("The shared copy is sealed under the referral's own id.", nameof(command));
        }

        return [new ReferralRequested(command.ReferralId, new(command.CaseId, command.ReferringOrganizationId, command.RecipientOrganizationId),
            command.ServiceId, consentId, consent.Purpose, fields, command.SharedData, command.RespondBy, command.RerouteOf, command.By, command.At)];
    }

    /// <summary>
    /// The taxonomy code a service must carry to be referred to for <paramref name="purpose"/>:
    /// the consent (or override) covers that kind of help and no other.
    /// </summary>
    public static string TaxonomyCodeFor(ReferralPurpose purpose) => purpose switch
    {
        ReferralPurpose.LegalAid => "legal-aid",
        ReferralPurpose.Counselling => "counselling",
        ReferralPurpose.Shelter => "shelter",
        ReferralPurpose.Medical => "medical",
        ReferralPurpose.LawEnforcement => "law-enforcement",
        ReferralPurpose.Investigation => "hr-investigation",
        ReferralPurpose.Advocacy => "advocacy",
        ReferralPurpose.Helpline => "helpline",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "No taxonomy code for this purpose."),
    };

    private static void EnsureForPurpose(ServiceOffering service, ReferralPurpose purpose)
    {
        var code = TaxonomyCodeFor(purpose);
        if (!service.TaxonomyCodes.Contains(code, StringComparer.Ordinal))
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                $"The consent is for '{WireName.Of(purpose)}', and this service is not listed under '{code}': the affected person did not agree to share for what it offers.");
        }
    }

    private static void EnsureOffered(RequestReferral command)
    {
        if (command.Service is not { } service || service.ServiceId != command.ServiceId)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable, $"The directory lists no service '{command.ServiceId}'.");
        }
        if (service.OrganizationId != command.RecipientOrganizationId)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                "The recipient organization does not offer this service: refer to the organization the directory lists for it.");
        }
        if (!service.Active)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable, "This service is not taking referrals at the moment.");
        }
    }
}
