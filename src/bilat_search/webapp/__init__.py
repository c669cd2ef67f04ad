"""The Flask application: app factory, security headers, error pages."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..search import BadRequest, Engine
from ..store import IndexMissing, IndexUnreadable, default_index_dir
from .i18n import current_language, translate
from .params import url_with

WEB_DIR = Path(os.environ.get("BILAT_WEB_DIR") or Path(__file__).resolve().parents[3] / "web")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

log = logging.getLogger(__name__)


def create_app(index_dir: str | os.PathLike | None = None, testing: bool = False) -> Flask:
    app = Flask(__name__, template_folder=str(WEB_DIR / "templates"), static_folder=str(WEB_DIR / "static"),
                static_url_path="/static")
    app.config["TESTING"] = testing
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False
    app.extensions["engine"] = Engine(index_dir or default_index_dir())

    from .article_page import bp as article_bp
    from .meetings_page import bp as meetings_bp
    from .profile_page import bp as profiles_bp
    from .search_page import bp as search_bp

    app.register_blueprint(search_bp)
    app.register_blueprint(article_bp)
    app.register_blueprint(meetings_bp)
    app.register_blueprint(profiles_bp)

    @app.before_request
    def language() -> None:
        g.lang = current_language()

    @app.context_processor
    def helpers() -> dict:
        lang = g.get("lang", "vi")
        other = "en" if lang == "vi" else "vi"
        return {"_": lambda key, **values: translate(key, lang, **values), "lang": lang,
                "lang_param": request.args.get("lang"), "other_lang": other,
                "lang_toggle_href": url_with(request.args.copy(), request.path, set_={"lang": other})}

    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.errorhandler(BadRequest)
    def bad_request(error: BadRequest):
        return _error_page(400, translate("bad_request_title", g.get("lang")), str(error))

    @app.errorhandler(IndexMissing)
    def no_index(error: IndexMissing):
        return _error_page(503, translate("server_error_title", g.get("lang")), translate("no_index", g.get("lang")))

    @app.errorhandler(IndexUnreadable)
    def unreadable_index(error: IndexUnreadable):
        log.warning("%s", error)
        return _error_page(503, translate("server_error_title", g.get("lang")),
                           translate("index_unreadable", g.get("lang")))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code == 404:
            return _error_page(404, translate("not_found_title", g.get("lang")), translate("not_found", g.get("lang")))
        return _error_page(error.code or 500, error.name, error.description or "")

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        log.exception("unhandled error on %s", request.path)
        return _error_page(500, translate("server_error_title", g.get("lang")),
                           translate("server_error", g.get("lang")))

    return app


def engine() -> Engine:
    from flask import current_app

    return current_app.extensions["engine"]


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".csv")


def _error_page(status: int, title: str, message: str):
    if wants_json():
        return jsonify({"error": title, "message": message, "status": status}), status
    return render_template("error.html", status=status, title=title, message=message), status
