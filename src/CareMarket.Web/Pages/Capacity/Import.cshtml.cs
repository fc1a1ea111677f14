using CareMarket.Capacity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CareMarket.Web.Pages.Capacity;

public class ImportModel(CapacityFiles files) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    public UploadResult? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a Capacity Tracker extract (CSV) to import");
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        Result = await files.ImportCapacityTrackerAsync(stream, Path.GetFileName(Upload.FileName), ct);
        foreach (var e in Result.Errors.Take(50)) ModelState.AddModelError(nameof(Upload), e.ToString());
        return Page();
    }
}
