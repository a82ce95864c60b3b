#include "postgres/pg_connection.hpp"

#include <utility>
#include <vector>

#include "postgres/pg_codec.hpp"
#include "postgres/placeholders.hpp"

namespace sp::db {
namespace {

void ignore_notice(void* /*arg*/, const char* /*message*/) {}  // NOTICEs are not errors

bool succeeded(const PGresult* r) {
  ExecStatusType status = PQresultStatus(r);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// Parameter buffers for PQexecPrepared: text for numbers and strings, binary for bytea.
class ParamBuffers {
 public:
  explicit ParamBuffers(const Params& params) {
    std::size_t n = params.size();
    text_.reserve(n);  // no reallocation: values_ points into these strings
    values_.resize(n, nullptr);
    lengths_.resize(n, 0);
    formats_.resize(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const Value::Storage& v = params[i].storage();
      if (const auto* num = std::get_if<int64_t>(&v)) {
        values_[i] = text_.emplace_back(pg::encode_int(*num)).c_str();
      } else if (const auto* d = std::get_if<double>(&v)) {
        values_[i] = text_.emplace_back(pg::encode_double(*d)).c_str();
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        values_[i] = s->c_str();
      } else if (const auto* b = std::get_if<Bytes>(&v)) {
        static const char kEmpty = 0;  // NULL would mean SQL NULL
        values_[i] = b->empty() ? &kEmpty : reinterpret_cast<const char*>(b->data());
        lengths_[i] = static_cast<int>(b->size());
        formats_[i] = 1;
      }
    }
  }
  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  std::vector<std::string> text_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& dsn,
                                                            const std::string& schema) {
  // Keywords before "dbname" are defaults that the expanded DSN may override.
  const char* keywords[] = {"connect_timeout", "client_encoding", "dbname", nullptr};
  const char* values[] = {"5", "UTF8", dsn.c_str(), nullptr};
  std::unique_ptr<PgConnection> conn(new PgConnection(PQconnectdbParams(keywords, values, 1)));
  if (conn->conn_ == nullptr) return Error::unavailable("database unreachable");
  if (PQstatus(conn->conn_) != CONNECTION_OK) {
    Error e = Error::unavailable("database unreachable");
    e.internal = std::string("postgres connect: ") + PQerrorMessage(conn->conn_);
    return e;
  }
  PQsetNoticeProcessor(conn->conn_, ignore_notice, nullptr);
  SP_TRY(conn->execute_script("SET bytea_output TO hex"));
  if (!schema.empty()) SP_TRY(conn->set_up_schema(schema));
  return conn;
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

Status PgConnection::set_up_schema(const std::string& schema) {
  char* quoted = PQescapeIdentifier(conn_, schema.c_str(), schema.size());
  if (quoted == nullptr) return Error::internal_error(PQerrorMessage(conn_));
  std::string ident(quoted);
  PQfreemem(quoted);
  // Look first: CREATE SCHEMA needs a privilege a service role may lack on a pre-made schema.
  SP_ASSIGN_OR_RETURN(Rows found,
                      query("SELECT 1 FROM pg_namespace WHERE nspname = ?", {Value(schema)}));
  if (found.empty()) {
    Status created = execute_script("CREATE SCHEMA IF NOT EXISTS " + ident);
    if (!created.ok() && created.error().code != ErrorCode::kConflict) return created;
  }
  return execute_script("SET search_path TO " + ident);
}

Error PgConnection::error_of(const PGresult* result) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  return pg::error_from_sqlstate(state ? state : "", message ? message : "", broken());
}

Result<PgConnection::Prepared> PgConnection::prepared(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
  RewrittenSql rewritten = rewrite_placeholders(sql);
  Prepared statement;
  statement.parameters = rewritten.placeholders;
  if (statements_.size() >= kMaxCachedStatements) {
    statement.name = "";  // the unnamed statement, replaced by the next one
  } else {
    statement.name = "sp_" + std::to_string(++next_statement_);
  }
  PgResult r(PQprepare(conn_, statement.name.c_str(), rewritten.sql.c_str(), rewritten.placeholders,
                       nullptr));
  if (!r || !succeeded(r.get())) return error_of(r.get());
  if (!statement.name.empty()) statements_.emplace(std::string(sql), statement);
  return statement;
}

Result<PgConnection::PgResult> PgConnection::run(std::string_view sql, const Params& params) {
  SP_ASSIGN_OR_RETURN(Prepared statement, prepared(sql));
  if (statement.parameters != static_cast<int>(params.size())) {
    return Error::internal_error("postgres: statement takes " +
                                 std::to_string(statement.parameters) + " parameters, got " +
                                 std::to_string(params.size()));
  }
  ParamBuffers buffers(params);
  PgResult r(PQexecPrepared(conn_, statement.name.c_str(), buffers.count(), buffers.values(),
                            buffers.lengths(), buffers.formats(), 0));
  if (!r || !succeeded(r.get())) return error_of(r.get());
  return r;
}

Result<Rows> PgConnection::query(std::string_view sql, const Params& params) {
  SP_ASSIGN_OR_RETURN(PgResult r, run(sql, params));
  Rows out;
  int columns = PQnfields(r.get());
  int rows = PQntuples(r.get());
  out.columns.reserve(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(r.get(), c));
  out.rows.reserve(static_cast<std::size_t>(rows));
  for (int row = 0; row < rows; ++row) {
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(r.get(), row, c)) {
        cells.emplace_back();
        continue;
      }
      std::string_view text(PQgetvalue(r.get(), row, c),
                            static_cast<std::size_t>(PQgetlength(r.get(), row, c)));
      cells.push_back(pg::decode_text_cell(PQftype(r.get(), c), text));
    }
    out.rows.emplace_back(std::move(cells));
  }
  return out;
}

Result<int64_t> PgConnection::execute(std::string_view sql, const Params& params) {
  SP_ASSIGN_OR_RETURN(PgResult r, run(sql, params));
  return Value(PQcmdTuples(r.get())).as_int();  // "" for statements without a count
}

Status PgConnection::execute_script(std::string_view sql) {
  std::string text(sql);
  PgResult r(PQexec(conn_, text.c_str()));
  if (!r || !succeeded(r.get())) return error_of(r.get());
  return ok_status();
}

}  // namespace sp::db
