from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)
