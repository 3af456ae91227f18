// fixture-options: express=4
// TypeScript's `this: void` parameter takes no argument: `req`, `res` and
// `next` are the parameters after it, and the catch calls `next`, never `res`.
import express, {Request, Response, NextFunction} from "express";
import fs from "fs";

class Uploads {
	static create(this: void, req: Request, res: Response) {
		fs.mkdirSync(`uploads/${req.params.id}`, {recursive: true});
		res.status(201).send("created");
	}

	static remove(this: void, req: Request, res: Response, next: NextFunction) {
		if (req.params.id === "..") return next(new Error("bad id"));
		fs.rmSync(`uploads/${req.params.id}`, {recursive: true, force: true});
		res.sendStatus(204);
	}
}

export const app = express();
app.post("/uploads/:id", Uploads.create);
app.delete("/uploads/:id", Uploads.remove);
