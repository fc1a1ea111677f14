using System.Globalization;
using System.Text.Encodings.Web;
using CareMarket.Capacity.Brokerage;
using CareMarket.Web.Govuk;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

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

    public static string Money(decimal amount) => amount.ToString("C2", CultureInfo.GetCultureInfo("en-GB"));

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static string Time(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London).ToString("h:mmtt 'on' d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")).Replace("AM", "am").Replace("PM", "pm");

    /// <summary>Five in the afternoon, London time, on a date, in UTC: when offers close.</summary>
    public static DateTime FivePm(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(17, 0)), London);

    /// <summary>A GOV.UK date input bound to <c>{key}.Day</c>, <c>.Month</c>, <c>.Year</c>; errors under <paramref name="key"/>.</summary>
    public static IHtmlContent DateInput(ModelStateDictionary state, string key, string legend, string? hint, DateParts value, string idPrefix, string? name = null)
    {
        var e = HtmlEncoder.Default;
        var error = state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
        var id = ErrorSummaryTagHelper.FieldId(key);
        var described = string.Join(' ', new[] { hint is null ? null : $"{idPrefix}-hint", error is null ? null : $"{id}-error" }.Where(x => x is not null));
        var html = new System.Text.StringBuilder();
        html.Append($"""<div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}"><fieldset class="govuk-fieldset" role="group"{(described.Length > 0 ? $" aria-describedby=\"{described}\"" : "")}>""");
        html.Append($"""<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{e.Encode(legend)}</legend>""");
        if (hint is not null) html.Append($"""<div id="{idPrefix}-hint" class="govuk-hint">{e.Encode(hint)}</div>""");
        if (error is not null) html.Append($"""<p id="{id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {e.Encode(error)}</p>""");
        html.Append($"""<div class="govuk-date-input" id="{id}">""");
        foreach (var (part, label, width, v) in new[] { ("Day", "Day", 2, value.Day), ("Month", "Month", 2, value.Month), ("Year", "Year", 4, value.Year) })
        {
            html.Append($"""<div class="govuk-date-input__item"><div class="govuk-form-group"><label class="govuk-label govuk-date-input__label" for="{id}_{part}">{label}</label>""");
            html.Append($"""<input class="govuk-input govuk-date-input__input govuk-input--width-{width}{(error is null ? "" : " govuk-input--error")}" id="{id}_{part}" name="{e.Encode(name ?? key)}.{part}" type="text" inputmode="numeric" value="{e.Encode(v ?? "")}"></div></div>""");
        }
        html.Append("</div></fieldset></div>");
        return new HtmlString(html.ToString());
    }
}

/// <summary>What a GOV.UK date input posts: day, month and year as typed.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public DateOnly? Value =>
        int.TryParse(Day?.Trim(), out var d) && int.TryParse(Month?.Trim(), out var m) && int.TryParse(Year?.Trim(), out var y)
        && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d) : null;

    public static DateParts Of(DateOnly? date) => date is { } x
        ? new DateParts { Day = x.Day.ToString(), Month = x.Month.ToString(), Year = x.Year.ToString() }
        : new DateParts();
}
