using CareMarket.Brokerage;

namespace CareMarket.Web.Pages.Brokerage;

/// <summary>Brokerage words for the pages, and the GOV.UK date input they share.</summary>
public static class BrokerageText
{
    public static string Of(AgeBand band) => band switch
    {
        AgeBand.From18To64 => "18 to 64",
        AgeBand.From65To74 => "65 to 74",
        AgeBand.From75To84 => "75 to 84",
        _ => "85 or over",
    };

    public static string Of(SupportReason reason) => reason switch
    {
        SupportReason.PhysicalSupport => "Physical support",
        SupportReason.SensorySupport => "Sensory support",
        SupportReason.SupportWithMemoryAndCognition => "Support with memory and cognition",
        SupportReason.LearningDisabilitySupport => "Learning disability support",
        SupportReason.MentalHealthSupport => "Mental health support",
        _ => "Social support",
    };

    public static string Of(Priority priority) => priority switch
    {
        Priority.HospitalDischarge => "Hospital discharge",
        Priority.Urgent => "Urgent",
        _ => "Routine",
    };

    public static string Of(InterimArrangement interim) => interim switch
    {
        InterimArrangement.None => "None",
        InterimArrangement.Reablement => "Reablement",
        InterimArrangement.Bridging => "Bridging care",
        InterimArrangement.TemporaryResidential => "Temporary residential care",
        InterimArrangement.HospitalOrIntermediateCare => "Staying in hospital or an intermediate care bed",
        _ => "Family or a carer",
    };

    public static string Of(HoldReason reason) => reason switch
    {
        HoldReason.PersonInHospital => "The person is in hospital",
        HoldReason.PersonConsideringOptions => "The person's choice: they are considering their options",
        HoldReason.AwaitingFundingDecision => "Awaiting a funding decision",
        HoldReason.AwaitingAssessmentReview => "Awaiting a review of the assessment",
        _ => "Another reason",
    };

    public static string Of(CancelReason reason) => reason switch
    {
        CancelReason.NoLongerNeeded => "Care is no longer needed",
        CancelReason.PersonDied => "The person died",
        CancelReason.MovedAway => "The person moved away",
        CancelReason.ArrangedOwnCare => "The person arranged their own care",
        _ => "Another reason",
    };

    /// <summary>Why a status changed, in words: the reason chosen, with the broker's words for "another reason".</summary>
    public static string? Why(StatusChangeRow c) =>
        c.HoldReason is { } h ? Reason(Of(h), h == HoldReason.Other, c.Details)
        : c.CancelReason is { } x ? Reason(Of(x), x == CancelReason.Other, c.Details)
        : c.Details;

    private static string Reason(string words, bool other, string? details) =>
        other && details is not null ? details : details is null ? words : $"{words}: {details}";

    public static string Of(RequestStatus status) => status switch
    {
        RequestStatus.Open => "Open",
        RequestStatus.SentToProviders => "Sent to providers",
        RequestStatus.Sourced => "Sourced",
        RequestStatus.OnHold => "On hold",
        _ => "Cancelled",
    };

    public static string Of(OfferStatus status) => status switch
    {
        OfferStatus.Submitted => "Submitted",
        OfferStatus.Withdrawn => "Withdrawn",
        OfferStatus.Accepted => "Accepted",
        _ => "Not chosen",
    };
}
