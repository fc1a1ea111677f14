using CareMarket.Register;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CareMarket.Web.Govuk;

/// <summary>A CQC rating as a GOV.UK tag: &lt;rating-tag rating="@row.Overall" /&gt;. No rating reads "Not yet rated".</summary>
[HtmlTargetElement("rating-tag", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RatingTagHelper : TagHelper
{
    public RatingWord? Rating { get; set; }
    /// <summary>What to show when there is no rating (key questions: a dash).</summary>
    public string? Missing { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Rating is null && Missing is not null)
        {
            output.TagName = "span";
            output.Content.SetContent(Missing);
            return;
        }
        output.TagName = "strong";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-tag " + Colour(Rating));
        output.Content.SetContent(RatingWords.Display(Rating));
    }

    public static string Colour(RatingWord? rating) => rating switch
    {
        RatingWord.Outstanding => "govuk-tag--turquoise",
        RatingWord.Good => "govuk-tag--green",
        RatingWord.RequiresImprovement => "govuk-tag--orange",
        RatingWord.Inadequate => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };
}

/// <summary>
/// The GOV.UK error summary for a page's ModelState: &lt;govuk-error-summary /&gt;. Each error links to its field.
/// </summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ModelState;
        if (state.IsValid)
        {
            output.SuppressOutput();
            return;
        }
        ViewContext.ViewData["HasErrors"] = true;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-summary");
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");
        var list = new TagBuilder("ul");
        list.AddCssClass("govuk-list govuk-error-summary__list");
        foreach (var (key, entry) in state.Where(e => e.Value is { ValidationState: ModelValidationState.Invalid }).Select(e => (e.Key, e.Value!)))
        {
            foreach (var error in entry.Errors)
            {
                var item = new TagBuilder("li");
                var link = new TagBuilder("a");
                link.Attributes["href"] = "#" + FieldId(key);
                link.InnerHtml.Append(error.ErrorMessage);
                item.InnerHtml.AppendHtml(link);
                list.InnerHtml.AppendHtml(item);
            }
        }
        output.Content.AppendHtml("""<div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body">""");
        output.Content.AppendHtml(list);
        output.Content.AppendHtml("</div></div>");
    }

    /// <summary>The id of a field's input, as the GOV.UK pattern links to it ("Input.Name" → "Input_Name").</summary>
    public static string FieldId(string key) => key.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}

/// <summary>The GOV.UK error message for one field: &lt;govuk-error-message for="Input.Name" /&gt;.</summary>
[HtmlTargetElement("govuk-error-message", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorMessageTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public string For { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!ViewContext.ModelState.TryGetValue(For, out var entry) || entry.Errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-message");
        output.Attributes.SetAttribute("id", ErrorSummaryTagHelper.FieldId(For) + "-error");
        output.Content.AppendHtml("""<span class="govuk-visually-hidden">Error:</span> """);
        output.Content.Append(entry.Errors[0].ErrorMessage);
    }
}
