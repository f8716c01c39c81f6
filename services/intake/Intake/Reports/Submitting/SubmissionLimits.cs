namespace Intake.Reports.Submitting;

/// <summary>
/// The bounds of a submission. Generous for a person telling what happened, tight enough that no
/// request can grow a stream or a read model without limit. Text lengths count UTF-16 code units.
/// </summary>
public static class SubmissionLimits
{
    public const int NarrativeMaxLength = 20_000;
    public const int WhereMaxLength = 1_000;
    public const int NameMaxLength = 200;
    public const int ReferenceMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 32;
    public const int ContactNotesMaxLength = 1_000;
    public const int LanguageTagMaxLength = 35;
    public const int MediaTypeMaxLength = 255;
    public const int MaxPeople = 50;
    public const int MaxAttachments = 20;

    /// <summary>Files are held elsewhere; this bounds what a reference may claim (100 MiB: a phone video).</summary>
    public const long MaxAttachmentBytes = 100L * 1024 * 1024;

    /// <summary>Anything earlier is a typing mistake, not a memory.</summary>
    public static readonly DateOnly EarliestIncidentDate = new(1900, 1, 1);

    /// <summary>
    /// How far past today's UTC date an incident date may be: a reporter at UTC+14 is already a day
    /// ahead, and refusing their "today" would lose the report.
    /// </summary>
    public const int FutureToleranceDays = 1;
}
