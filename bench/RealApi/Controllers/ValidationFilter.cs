using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using RealApi.Mediation;

namespace RealApi.Controllers;

/// <summary>A request a validator refused is the client's error: 400 with the errors, as a validation problem.</summary>
public sealed class ValidationFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not ValidationFailedException failed) return;
        var problem = new ValidationProblemDetails(failed.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        context.Result = new BadRequestObjectResult(problem);
        context.ExceptionHandled = true;
    }
}
