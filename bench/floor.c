/* SPDX-License-Identifier: MIT */
/* The floor of bench/run: the least an SDL2 program with a window does. It
 * opens a 1280x720 window, draws one line of text with SDL_ttf, and waits
 * for events, drawing again only when one comes. Tightrope's figures are
 * measured against this program's, in the same run, on the same machine.
 *   floor FONT.ttf */
#include <stdio.h>

#include <SDL.h>
#include <SDL_ttf.h>

static void draw(SDL_Renderer *renderer, SDL_Texture *text, int tw, int th)
{
    int w, h;
    SDL_GetRendererOutputSize(renderer, &w, &h);
    SDL_SetRenderDrawColor(renderer, 20, 24, 33, 255);
    SDL_RenderClear(renderer);
    SDL_Rect at = {(w - tw) / 2, (h - th) / 2, tw, th};
    SDL_RenderCopy(renderer, text, NULL, &at);
    SDL_RenderPresent(renderer);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: floor FONT.ttf\n");
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "floor: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *window = SDL_CreateWindow("Floor", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720,
                                          SDL_WINDOW_RESIZABLE);
    SDL_Renderer *renderer = window ? SDL_CreateRenderer(window, -1, 0) : NULL;
    TTF_Font *font = TTF_OpenFont(argv[1], 40);
    if (!renderer || !font) {
        fprintf(stderr, "floor: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, "A game for two about closeness, and room to grow.",
                                            (SDL_Color){240, 242, 248, 255});
    SDL_Texture *text = SDL_CreateTextureFromSurface(renderer, s);
    int tw = s->w, th = s->h;
    SDL_FreeSurface(s);
    draw(renderer, text, tw, th);
    SDL_Event ev;
    while (SDL_WaitEvent(&ev)) {
        if (ev.type == SDL_QUIT)
            break;
        while (SDL_PollEvent(&ev))
            if (ev.type == SDL_QUIT)
                goto done;
        draw(renderer, text, tw, th);
    }
done:
    SDL_DestroyTexture(text);
    TTF_CloseFont(font);
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
