namespace Intake.Triage;

/// <summary>
/// What triage needs to know from outside the report, looked up by the caller (from a read model)
/// so that deciding stays pure.
/// </summary>
/// <param name="AllegedPerpetratorHasOtherReports">
/// Someone named as alleged perpetrator here is named in another report received by the same
/// organization. How people are matched across reports (by a partner's own person reference, never
/// by a name in clear) is the read model's business.
/// </param>
public sealed record TriageFacts(bool AllegedPerpetratorHasOtherReports)
{
    public static readonly TriageFacts None = new(AllegedPerpetratorHasOtherReports: false);
}
