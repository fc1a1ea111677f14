using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CareMarket.Web.Govuk;

/// <summary>The GOV.UK date input component.</summary>
public static class DateInput
{
    /// <summary>A GOV.UK date input bound to <c>{key}.Day</c>, <c>.Month</c>, <c>.Year</c>; errors under <paramref name="key"/>.</summary>
    public static IHtmlContent For(ModelStateDictionary state, string key, string legend, string? hint, DateParts value, string idPrefix, string? name = null)
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
