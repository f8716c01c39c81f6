using Intake.Triage;

namespace Intake.Tests.Triage;

public sealed class ThreatTermsSpecs
{
    [Theory]
    [InlineData("He showed me a knife in the car park.")]
    [InlineData("He threatened to post the photos.")]
    [InlineData("He said he would kill me if I told anyone.")]
    [InlineData("He put his hands on my neck and choked me.")]
    [InlineData("Someone shot at our window.")]
    [InlineData("Me amenazó delante de todos.")]
    [InlineData("ME APUÑALÓ CON UNAS TIJERAS")]
    [InlineData("Tenía un cuchillo en la mochila.")]
    [InlineData("Il m'a menacée de mort.")]
    [InlineData("Il a dit qu'il allait me tuer.")]
    [InlineData("Il a essayé de m'étrangler.")]
    [InlineData("Er hat mit einem Küchenmesser gedroht.")]
    [InlineData("Er sagte, er würde mich umbringen.")]
    [InlineData("Er hat eine Schusswaffe zu Hause.")]
    [InlineData("Er wollte mich erwürgen.")]
    public void Weapons_and_threats_are_found_in_english_spanish_french_and_german(string narrative) =>
        ThreatTerms.AreMentionedIn(narrative).ShouldBeTrue();

    [Theory]
    [InlineData("He made comments about my appearance in every meeting.")]
    [InlineData("The situation was stable until March; I could not establish why it changed.")]
    [InlineData("It started on Tue 4 March.")]
    [InlineData("Sie aß eine Waffel und lachte über mich.")]
    [InlineData("Es un disparate lo que me dijo.")]
    [InlineData("Il m'a insultée devant la classe.")]
    public void Ordinary_words_that_merely_contain_a_term_are_not_mentions(string narrative) =>
        ThreatTerms.AreMentionedIn(narrative).ShouldBeFalse();

    [Fact]
    public void Words_are_compared_in_lowercase_without_accents() =>
        ThreatTerms.Words("Él ME APUÑALÓ, en la Straße!").ShouldBe(["el", "me", "apunalo", "en", "la", "strasse"]);

    [Fact]
    public void Negation_is_not_understood_and_errs_towards_urgent() =>
        ThreatTerms.AreMentionedIn("He did not have a knife.").ShouldBeTrue();
}
